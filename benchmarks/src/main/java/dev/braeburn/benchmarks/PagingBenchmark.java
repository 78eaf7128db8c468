package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One app with N in-app purchases (v2), each with 3 localizations, in an in-process server; walks
 * {@code GET /v1/apps/{id}/inAppPurchasesV2?limit=200&include=...} following {@code links.next}.
 * Reports the median first-page and last-page latency, their ratio and the median full walk, plus
 * an in-run baseline: the same number of requests against trivial endpoints.
 *
 * <p>Arguments (all optional): {@code --iaps 10000 --walks 5 --warmups 1 --limit 200}.
 */
public final class PagingBenchmark {
  static final String APP_ID = "1700000001";
  static final String[] LOCALES = {"en-US", "de-DE", "ja"};

  public static void main(String[] args) throws Exception {
    int iaps = intArg(args, "--iaps", 10_000);
    int walks = intArg(args, "--walks", 5);
    int warmups = intArg(args, "--warmups", 1);
    int limit = intArg(args, "--limit", 200);

    Path dir = Files.createTempDirectory("braeburn-bench");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true);
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      Client client = new Client("http://127.0.0.1:" + server.port());
      ECPrivateKey key = Client.privateKey(Files.readString(server.firstStart().privateKeyFile()));
      String keyId = server.firstStart().keyId();
      String issuerId = server.firstStart().issuerId();

      long t0 = System.nanoTime();
      load(client, server.adminToken(), iaps);
      double loadMs = Stats.ms(System.nanoTime() - t0);
      System.out.printf("loaded 1 app, %d inAppPurchases, %d localizations in %s ms%n", iaps, iaps * LOCALES.length, Stats.f(loadMs));

      String first = "/v1/apps/" + APP_ID + "/inAppPurchasesV2?limit=" + limit
          + "&include=inAppPurchaseLocalizations,appStoreReviewScreenshot";
      int expectedPages = (iaps + limit - 1) / limit;

      List<Double> firsts = new ArrayList<>();
      List<Double> lasts = new ArrayList<>();
      List<Double> totals = new ArrayList<>();
      List<Double> allPages = new ArrayList<>();
      List<Double> healthTotals = new ArrayList<>();
      List<Double> appTotals = new ArrayList<>();
      long bytes = 0;
      int included = 0;
      for (int w = 0; w < warmups + walks; w++) {
        boolean measured = w >= warmups;
        String token = Client.token(keyId, issuerId, key);
        Walk walk = walk(client, first, token, iaps, limit, expectedPages);
        double health = repeat(client, "/_braeburn/health", null, expectedPages);
        double app = repeat(client, "/v1/apps/" + APP_ID, token, expectedPages);
        System.out.printf("%s walk %d: %d pages, first %s ms, last %s ms, total %s ms | baseline %d x health %s ms, %d x GET app %s ms%n",
            measured ? "measured" : "warm-up", w + 1, walk.pages.size(), Stats.f(walk.pages.getFirst()), Stats.f(walk.pages.getLast()),
            Stats.f(walk.totalMs), expectedPages, Stats.f(health), expectedPages, Stats.f(app));
        if (measured) {
          firsts.add(walk.pages.getFirst());
          lasts.add(walk.pages.getLast());
          totals.add(walk.totalMs);
          allPages.addAll(walk.pages);
          healthTotals.add(health);
          appTotals.add(app);
          bytes = walk.bytes;
          included = walk.included;
        }
      }

      double mFirst = Stats.median(firsts);
      double mLast = Stats.median(lasts);
      double mTotal = Stats.median(totals);
      double mHealth = Stats.median(healthTotals);
      double mApp = Stats.median(appTotals);
      System.out.println();
      System.out.printf("## Paging: %d inAppPurchasesV2 x %d localizations, limit=%d, %d pages; %d measured walks after %d warm-up%n",
          iaps, LOCALES.length, limit, expectedPages, walks, warmups);
      System.out.printf("response bytes per walk: %d (%.1f KiB/page); included resources per walk: %d%n",
          bytes, bytes / 1024.0 / expectedPages, included);
      System.out.println("| metric | median ms | min ms | max ms | target | verdict |");
      System.out.println("|---|---:|---:|---:|---|---|");
      System.out.printf("| first page | %s | %s | %s | | |%n", Stats.f(mFirst), Stats.f(Stats.min(firsts)), Stats.f(Stats.max(firsts)));
      System.out.printf("| last page | %s | %s | %s | | |%n", Stats.f(mLast), Stats.f(Stats.min(lasts)), Stats.f(Stats.max(lasts)));
      System.out.printf("| last / first | %s | | | <= 1.5 | %s |%n", Stats.f2(mLast / mFirst), mLast / mFirst <= 1.5 ? "met" : "MISSED");
      System.out.printf("| any page (all %d) | %s | %s | p90 %s | | |%n", allPages.size(), Stats.f(Stats.median(allPages)),
          Stats.f(Stats.min(allPages)), Stats.f(Stats.percentile(allPages, 90)));
      System.out.printf("| full walk (%d pages) | %s | %s | %s | < 2000 | %s |%n", expectedPages, Stats.f(mTotal),
          Stats.f(Stats.min(totals)), Stats.f(Stats.max(totals)), mTotal < 2000 ? "met" : "MISSED");
      System.out.printf("| baseline: %d x GET /_braeburn/health | %s | %s | %s | | walk / baseline = %s |%n", expectedPages,
          Stats.f(mHealth), Stats.f(Stats.min(healthTotals)), Stats.f(Stats.max(healthTotals)), Stats.f2(mTotal / mHealth));
      System.out.printf("| baseline: %d x GET /v1/apps/{id} (JWT) | %s | %s | %s | | walk / baseline = %s |%n", expectedPages,
          Stats.f(mApp), Stats.f(Stats.min(appTotals)), Stats.f(Stats.max(appTotals)), Stats.f2(mTotal / mApp));
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Page times in order, the walk's total, bytes and included resources, and the URL of the last page. */
  record Walk(List<Double> pages, double totalMs, long bytes, int included, String lastUrl) {}

  static Walk walk(Client client, String first, String token, int iaps, int limit, int expectedPages) throws Exception {
    List<Double> pages = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    long bytes = 0;
    int included = 0;
    String next = first;
    String url = first;
    long start = System.nanoTime();
    while (next != null) {
      url = next;
      long t = System.nanoTime();
      Client.Reply reply = client.get(next, token);
      pages.add(Stats.ms(System.nanoTime() - t));
      if (reply.status() != 200) {
        throw new IllegalStateException("page " + (pages.size()) + " returned " + reply.status() + ": " + Client.abbreviate(reply.body()));
      }
      bytes += reply.body().length();
      JsonNode doc = reply.json();
      JsonNode data = doc.path("data");
      boolean lastPage = pages.size() == expectedPages;
      int expected = lastPage ? iaps - limit * (expectedPages - 1) : limit;
      if (data.size() != expected) {
        throw new IllegalStateException("page " + pages.size() + " has " + data.size() + " resources, expected " + expected);
      }
      data.forEach(r -> ids.add(r.path("id").asText()));
      included += doc.path("included").size();
      JsonNode n = doc.path("links").path("next");
      next = n.isTextual() ? n.asText() : null;
    }
    double total = Stats.ms(System.nanoTime() - start);
    if (ids.size() != iaps || pages.size() != expectedPages) {
      throw new IllegalStateException("walk saw " + ids.size() + " unique ids in " + pages.size() + " pages; expected "
          + iaps + " in " + expectedPages);
    }
    return new Walk(pages, total, bytes, included, url);
  }

  static double repeat(Client client, String path, String token, int times) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      Client.Reply r = client.get(path, token);
      if (r.status() != 200) {
        throw new IllegalStateException(path + " returned " + r.status() + ": " + Client.abbreviate(r.body()));
      }
    }
    return Stats.ms(System.nanoTime() - start);
  }

  static void load(Client client, String adminToken, int iaps) throws Exception {
    int perChunk = 250; // 250 purchases + 750 localizations = 1,000 resources per request
    for (int from = 0; from < iaps; from += perChunk) {
      ObjectNode body = Client.JSON.createObjectNode();
      ArrayNode data = body.putArray("data");
      if (from == 0) {
        ObjectNode app = data.addObject().put("type", "apps").put("id", APP_ID);
        app.putObject("attributes").put("name", "Bench").put("bundleId", "com.example.bench").put("sku", "BENCH")
            .put("primaryLocale", "en-US");
      }
      for (int i = from; i < Math.min(iaps, from + perChunk); i++) {
        String iapId = String.valueOf(6_000_000_000L + i);
        ObjectNode iap = data.addObject().put("type", "inAppPurchases").put("id", iapId);
        iap.putObject("attributes").put("name", "Coins pack " + i).put("productId", "com.example.bench.coins." + i)
            .put("inAppPurchaseType", "CONSUMABLE").put("state", "APPROVED");
        iap.putObject("relationships").putObject("app").putObject("data").put("type", "apps").put("id", APP_ID);
        for (int l = 0; l < LOCALES.length; l++) {
          ObjectNode loc = data.addObject().put("type", "inAppPurchaseLocalizations").put("id", iapId + "-" + l);
          loc.putObject("attributes").put("locale", LOCALES[l]).put("name", "Coins " + i + " (" + LOCALES[l] + ")")
              .put("description", "A pack of " + i + " coins for the benchmark, localized for " + LOCALES[l] + ".");
          loc.putObject("relationships").putObject("inAppPurchaseV2").putObject("data").put("type", "inAppPurchases").put("id", iapId);
        }
      }
      Client.Reply r = client.send("POST", "/_braeburn/resources", Client.JSON.writeValueAsString(body), adminToken);
      if (r.status() != 201) {
        throw new IllegalStateException("loading resources returned " + r.status() + ": " + Client.abbreviate(r.body()));
      }
    }
  }

  static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
