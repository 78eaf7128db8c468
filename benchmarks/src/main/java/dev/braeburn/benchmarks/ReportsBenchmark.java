package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6: what analytics report generation and segment downloads cost (docs/benchmarks.md §6).
 *
 * <p>For each shape {@code APPSxDAYS}, a new server JVM ({@code braeburn.jar serve}, SQLite, hourly
 * limit off, as {@link StoreBenchmark} starts it) gets
 * {@code APPS} apps tuned to {@code --downloads} first-time downloads a day, one ONGOING analytics
 * report request each, and then one {@code POST /_braeburn/clock/advance} of 1 + {@code DAYS} days:
 * the first day is Apple's 24–48 hour wait before the first instances, the rest are {@code DAYS}
 * daily processings per request, each making that day's instances of every report with files
 * (checksum and size computed from the generated gzip bytes, which are not kept). The advance
 * answers when all of it is done, so its time is the generation time.
 *
 * <p>The instances still listed afterwards (35-day retention) are walked through the API to count
 * instances, segments and their bytes; the bytes generated per processed day come from the DAILY
 * instances of the last 30 processing days, and times the days processed give the bytes generated.
 *
 * <p>Serving: first every listed DAILY segment of the last shape once (distinct files, each made
 * from the model on its first download); then the largest DAILY segment is downloaded {@code --serves} times
 * over {@code --connections} connections from its (public) URL, against a bare Jetty child JVM
 * answering the same bytes and headers, after a warm-up of twice as many, alternating for
 * {@code --rounds} rounds (median).
 *
 * <p>Arguments (all optional): {@code --jar braeburn-cli/target/braeburn.jar --shapes
 * 1x30,1x365,10x30,10x365 --downloads 300 --serves 4000 --connections 16 --rounds 5}.
 */
public final class ReportsBenchmark {
  private static final String APP_PREFIX = "170000000";

  record Shape(int apps, int days) {
    static Shape parse(String text) {
      String[] parts = text.trim().split("x");
      return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
  }

  record Generated(Shape shape, double advanceMs, long instances, long segments, long bytesListed, double dailyBytesPerAppDay,
      long dailyInstancesPerAppDay, Downloads downloads) {}

  /** Segment downloads measured on a shape's server: distinct files once, then one file repeatedly against bare Jetty. */
  record Downloads(FirstDownloads first, Repeated repeated) {}

  record FirstDownloads(int files, double perSecond, double bytesPerSecond) {}

  record Repeated(long bytes, double perSecond, double barePerSecond) {}

  record Segment(String url, long size) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(AuthBenchmark.stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    Path jarCopy = Files.createTempFile("braeburn-reports-bench", ".jar"); // other builds may replace the jar meanwhile
    Files.copy(jar, jarCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<Shape> shapes = new ArrayList<>();
    for (String s : AuthBenchmark.stringArg(args, "--shapes", "1x30,1x365,10x30,10x365").split(",")) {
      shapes.add(Shape.parse(s));
    }
    int downloads = PagingBenchmark.intArg(args, "--downloads", 300);
    int serves = PagingBenchmark.intArg(args, "--serves", 4000);
    int connections = PagingBenchmark.intArg(args, "--connections", 16);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 5);

    List<Generated> results = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      boolean last = i == shapes.size() - 1;
      results.add(generate(jarCopy, shapes.get(i), downloads, last ? new Serve(serves, connections, rounds) : null));
    }
    report(results, downloads);
  }

  record Serve(int requests, int connections, int rounds) {}

  private static Generated generate(Path jar, Shape shape, int downloads, Serve serve) throws Exception {
    Path dir = Files.createTempDirectory("braeburn-bench-reports");
    try (ChildServer server = ChildServer.start(jar, dir, List.of("--hourly-limit", "0"), null, null)) {
      Client client = new Client(server.baseUrl());
      String token = Client.token(server.keyId, server.issuerId, ChildServer.key(dir, server.keyId));
      String admin = server.adminToken();
      loadApps(client, admin, shape.apps());
      // nobody reads during the advance: keep the requests from stopping for inactivity
      check(client.send("PATCH", "/_braeburn/reports/scenarios", "{\"inactivityDays\":" + (shape.days() + 30) + "}", admin), 200, "scenarios");
      List<String> requests = new ArrayList<>();
      for (int a = 0; a < shape.apps(); a++) {
        String app = appId(a);
        check(client.send("PATCH", "/_braeburn/metrics/apps/" + app + "/model", "{\"dailyDownloads\":" + downloads + "}", admin), 200, "tune");
        Client.Reply created = client.send("POST", "/v1/analyticsReportRequests", "{\"data\":{\"type\":\"analyticsReportRequests\","
            + "\"attributes\":{\"accessType\":\"ONGOING\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}}}}", token);
        check(created, 201, "POST /v1/analyticsReportRequests");
        requests.add(created.json().at("/data/id").asText());
      }
      long t0 = System.nanoTime();
      check(client.send("POST", "/_braeburn/clock/advance", "{\"days\":" + (shape.days() + 1) + "}", admin), 200, "advance");
      double advanceMs = Stats.ms(System.nanoTime() - t0);

      Listing listing = new Listing();
      for (String request : requests) {
        listing.walk(client, token, request);
      }
      System.out.printf("%d apps x %d days: advance %.0f ms; listed %d instances, %d segments, %,d bytes%n",
          shape.apps(), shape.days(), advanceMs, listing.instances, listing.segments, listing.bytes);
      Downloads measured = serve == null ? null
          : new Downloads(firstDownloads(listing.daily, serve.connections()), serve(listing.largest, serve));
      return new Generated(shape, advanceMs, listing.instances, listing.segments, listing.bytes,
          listing.recentDailyBytes / (double) (shape.apps() * Math.min(30, shape.days())),
          listing.recentDailyInstances / Math.max(1, shape.apps() * Math.min(30, shape.days())), measured);
    }
  }

  private static void loadApps(Client client, String admin, int apps) throws Exception {
    ObjectNode body = Client.JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (int a = 0; a < apps; a++) {
      ObjectNode app = data.addObject().put("type", "apps").put("id", appId(a));
      app.putObject("attributes").put("name", "Reports bench " + a).put("bundleId", "com.example.reports" + a)
          .put("sku", "REPORTS" + a).put("primaryLocale", "en-US");
    }
    check(client.send("POST", "/_braeburn/resources", Client.JSON.writeValueAsString(body), admin), 201, "load apps");
  }

  private static String appId(int a) {
    return APP_PREFIX + a;
  }

  /** Walks request → reports → instances → segments, counting what is listed. */
  private static final class Listing {
    long instances;
    long segments;
    long bytes;
    long recentDailyBytes;
    long recentDailyInstances;
    Segment largest;
    final List<Segment> daily = new ArrayList<>();
    private String newestDay;

    void walk(Client client, String token, String request) throws Exception {
      for (JsonNode report : all(client, token, "/v1/analyticsReportRequests/" + request + "/reports?limit=200")) {
        List<JsonNode> listed = all(client, token, "/v1/analyticsReports/" + report.path("id").asText() + "/instances?limit=200");
        for (JsonNode instance : listed) {
          String day = instance.at("/attributes/processingDate").asText();
          if (newestDay == null || day.compareTo(newestDay) > 0) {
            newestDay = day;
          }
        }
        for (JsonNode instance : listed) {
          instances++;
          boolean daily = "DAILY".equals(instance.at("/attributes/granularity").asText());
          boolean recent = daily && java.time.LocalDate.parse(instance.at("/attributes/processingDate").asText())
              .isAfter(java.time.LocalDate.parse(newestDay).minusDays(30));
          if (recent) {
            recentDailyInstances++;
          }
          for (JsonNode segment : all(client, token, "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments?limit=200")) {
            long size = segment.at("/attributes/sizeInBytes").asLong();
            segments++;
            bytes += size;
            if (recent) {
              recentDailyBytes += size;
            }
            if (daily) {
              Segment file = new Segment(segment.at("/attributes/url").asText(), size);
              this.daily.add(file);
              if (largest == null || size > largest.size()) {
                largest = file;
              }
            }
          }
        }
      }
    }
  }

  /** Every resource of a list, following {@code links.next}. */
  private static List<JsonNode> all(Client client, String token, String path) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String next = path;
    while (next != null) {
      Client.Reply r = client.get(next, token);
      check(r, 200, next);
      r.json().path("data").forEach(out::add);
      JsonNode link = r.json().at("/links/next");
      next = link.isMissingNode() || link.isNull() ? null : link.asText();
    }
    return out;
  }

  /**
   * Every listed DAILY segment downloaded once, distinct files over {@code connections}
   * connections: each is made from the model on its first download (nothing is stored when an
   * instance is made).
   */
  private static FirstDownloads firstDownloads(List<Segment> segments, int connections) throws Exception {
    URI first = URI.create(segments.getFirst().url());
    RawHttpLoad load = new RawHttpLoad(first.getHost(), first.getPort());
    List<byte[]> requests = new ArrayList<>();
    long bytes = 0;
    for (Segment segment : segments) {
      URI url = URI.create(segment.url());
      requests.add(load.get(url.getRawPath() + "?" + url.getRawQuery(), null));
      bytes += segment.size();
    }
    long t0 = System.nanoTime();
    double perSecond = load.run(connections, requests.size(), requests::get, 200, false).perSecond();
    double bytesPerSecond = bytes / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("first downloads: %d distinct DAILY segments (%,d bytes) over %d connections: %.0f req/s, %.1f MB/s%n",
        segments.size(), bytes, connections, perSecond, bytesPerSecond / 1e6);
    return new FirstDownloads(segments.size(), perSecond, bytesPerSecond);
  }

  /** Downloads one segment file repeatedly from Braeburn and from a bare Jetty answering the same bytes. */
  private static Repeated serve(Segment segment, Serve serve) throws Exception {
    if (segment == null) {
      throw new IllegalStateException("no DAILY segment was listed");
    }
    URI url = URI.create(segment.url());
    RawHttpLoad braeburn = new RawHttpLoad(url.getHost(), url.getPort());
    String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    RawHttpLoad.Response sample = braeburn.fetch(braeburn.get(path, null));
    if (sample.status() != 200 || sample.body().length != segment.size()) {
      throw new IllegalStateException("segment download answered " + sample.status() + " with " + sample.body().length + " bytes");
    }
    List<String> headers = new ArrayList<>();
    sample.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("date") && !name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
        headers.add(name + ": " + value);
      }
    });
    try (BareJetty.Child bare = BareJetty.start(sample.body(), headers)) {
      RawHttpLoad baseline = new RawHttpLoad("127.0.0.1", bare.port());
      braeburn.run(path, serve.connections(), serve.requests() * 2, i -> null); // warm-up: JIT of both JVMs
      baseline.run(path, serve.connections(), serve.requests() * 2, i -> null);
      List<Double> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      for (int r = 0; r < serve.rounds(); r++) {
        ours.add(braeburn.run(path, serve.connections(), serve.requests(), i -> null));
        theirs.add(baseline.run(path, serve.connections(), serve.requests(), i -> null));
      }
      Repeated repeated = new Repeated(sample.body().length, Stats.median(ours), Stats.median(theirs));
      System.out.printf("segment of %,d bytes, %d connections: braeburn %s req/s, bare jetty %s req/s, ratio %.2f%n",
          repeated.bytes(), serve.connections(), ours, theirs, repeated.perSecond() / repeated.barePerSecond());
      return repeated;
    }
  }

  private static void report(List<Generated> results, int downloads) {
    System.out.println();
    System.out.println("## Analytics generation (" + downloads + " first-time downloads a day per app)");
    System.out.println("| apps x days | advance ms | ms per app-day | instances / segments listed (35 days) | bytes listed "
        + "| DAILY instances per app-day | DAILY bytes per app-day | bytes generated (est.) | generated MB/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Generated g : results) {
      int appDays = g.shape().apps() * g.shape().days();
      double generated = g.dailyBytesPerAppDay() * appDays;
      System.out.printf("| %d x %d | %,.0f | %.2f | %,d / %,d | %,d | %d | %,.0f | %,.0f | %.2f |%n", g.shape().apps(), g.shape().days(),
          g.advanceMs(), g.advanceMs() / appDays, g.instances(), g.segments(), g.bytesListed(), g.dailyInstancesPerAppDay(),
          g.dailyBytesPerAppDay(), generated, generated / 1e6 / (g.advanceMs() / 1000));
    }
    for (Generated g : results) {
      if (g.downloads() == null) {
        continue;
      }
      FirstDownloads first = g.downloads().first();
      Repeated again = g.downloads().repeated();
      System.out.println();
      System.out.printf("%n| segment downloads | req/s | MB/s |%n|---|---:|---:|%n");
      System.out.printf("| %,d distinct DAILY segments, each once (made from the model) | %,.0f | %.1f |%n", first.files(),
          first.perSecond(), first.bytesPerSecond() / 1e6);
      System.out.printf("| one segment (%,d bytes) again and again: Braeburn | %,.0f | %.1f |%n", again.bytes(), again.perSecond(),
          again.perSecond() * again.bytes() / 1e6);
      System.out.printf("| the same bytes from bare Jetty | %,.0f | %.1f |%n", again.barePerSecond(), again.barePerSecond() * again.bytes() / 1e6);
      System.out.printf("| **ratio** (again and again / bare Jetty) | **%.2f** | |%n", again.perSecond() / again.barePerSecond());
    }
  }

  private static void check(Client.Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + " answered " + reply.status() + ": " + Client.abbreviate(reply.body()));
    }
  }
}
