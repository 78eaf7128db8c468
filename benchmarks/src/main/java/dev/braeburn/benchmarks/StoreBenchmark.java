package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Both stores, one run each: a Braeburn server in a separate JVM ({@code java -jar braeburn.jar
 * serve}, SQLite in a temporary data directory, or PostgreSQL on one embedded server started here
 * with a fresh database per server), measured for
 *
 * <ul>
 *   <li>launch to first 200 (as {@link LaunchBenchmark}; the last launch is the server under test);
 *   <li>growth: the server is filled to 1,000, 10,000 and 100,000 bundle IDs (admin API, 1,000 a
 *       request); at each size the {@code GET /v1/bundleIds?limit=200} walk (first and last page
 *       timed again 10 times each), {@code GET /v1/apps/{id}} throughput, create latency and VmRSS;
 *   <li>at 100,000: {@code GET /v1/apps/{id}} throughput at 16 and 64 connections against a bare
 *       Jetty 12 child JVM returning the same bytes, and {@code POST /v1/bundleIds} throughput with
 *       per-request p50/p99;
 *   <li>the 10,000-in-app-purchase walk of {@link PagingBenchmark} (40,001 more resources).
 * </ul>
 *
 * <p>Arguments (all optional): {@code --store sqlite|postgres|both --jar braeburn-cli/target/braeburn.jar
 * --launches 3 --sizes 1000,10000,100000 --requests 8000 --rounds 5 --connections 16,64 --creates 2000
 * --stage-requests 4000 --stage-creates 400 --repeats 10 --iaps 10000 --walks 3 [--profile]
 * [--server-jvm-arg OPTION]…}. {@code --profile} adds, after everything is measured, a JFR profile
 * ({@link JfrProfile}) of GET, create, a page walk and an admin load. The jar is copied
 * first, so a rebuild during the run does not change the server under test.
 */
public final class StoreBenchmark {
  static final String APP_ID = "1800000001";
  static final String APP_PATH = "/v1/apps/" + APP_ID;
  static final int PAGE = 200;
  static final int BATCH = 1000;
  static final String HOURLY_LIMIT = "100000000";

  private final Path jar;
  private final int launches;
  private final int[] sizes;
  private final int requests;
  private final int rounds;
  private final int[] connections;
  private final int creates;
  private final int stageRequests;
  private final int stageCreates;
  private final int repeats;
  private final int iaps;
  private final int walks;
  private final boolean profile;
  private final List<String> serverJvmArgs = new ArrayList<>();
  private Path jarCopy;
  private EmbeddedPostgres postgres;
  private int databases;

  private StoreBenchmark(String[] args) {
    jar = Path.of(AuthBenchmark.stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    launches = PagingBenchmark.intArg(args, "--launches", 3);
    sizes = ints(AuthBenchmark.stringArg(args, "--sizes", "1000,10000,100000"));
    requests = PagingBenchmark.intArg(args, "--requests", 8000);
    rounds = PagingBenchmark.intArg(args, "--rounds", 5);
    connections = ints(AuthBenchmark.stringArg(args, "--connections", "16,64"));
    creates = PagingBenchmark.intArg(args, "--creates", 2000);
    stageRequests = PagingBenchmark.intArg(args, "--stage-requests", 4000);
    stageCreates = PagingBenchmark.intArg(args, "--stage-creates", 400);
    repeats = PagingBenchmark.intArg(args, "--repeats", 10);
    iaps = PagingBenchmark.intArg(args, "--iaps", 10_000);
    walks = PagingBenchmark.intArg(args, "--walks", 3);
    profile = Arrays.asList(args).contains("--profile");
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--server-jvm-arg")) {
        serverJvmArgs.add(args[i + 1]);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String which = AuthBenchmark.stringArg(args, "--store", "both");
    List<String> stores = which.equals("both") ? List.of("sqlite", "postgres") : List.of(which);
    StoreBenchmark bench = new StoreBenchmark(args);
    if (!Files.isRegularFile(bench.jar)) {
      throw new IllegalStateException(bench.jar + " does not exist; run ./mvnw install -DskipTests first");
    }
    long t0 = System.nanoTime();
    // a private copy: other builds may replace the jar while this runs
    bench.jarCopy = Files.createTempFile("braeburn-store-bench", ".jar");
    Files.copy(bench.jar, bench.jarCopy, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("server under test: copy of %s (%,d bytes, modified %s)%n", bench.jar, Files.size(bench.jar),
        Files.getLastModifiedTime(bench.jar));
    try {
      // warm the benchmark JVM's own HTTP client, signer and load generator, not billed to any store
      Path warmDir = Files.createTempDirectory("braeburn-store-warm");
      try (ChildServer warm = ChildServer.start(bench.jarCopy, warmDir, List.of(), null, null)) {
        new RawHttpLoad("127.0.0.1", warm.port).run("/_braeburn/health", 4, 500, i -> null);
      }
      PagingBenchmark.deleteRecursively(warmDir);
      List<Result> results = new ArrayList<>();
      for (String store : stores) {
        results.add(bench.measure(store));
      }
      System.out.printf("%n(total benchmark time %.0f s)%n", (System.nanoTime() - t0) / 1e9);
      report(results, bench);
    } finally {
      if (bench.postgres != null) {
        bench.postgres.close();
      }
      Files.deleteIfExists(bench.jarCopy);
    }
  }

  // ---- what is measured ----

  record Launch(double bannerMs, double healthMs, double appsMs) {}

  record Stage(int size, double loadMs, double firstPageMs, double lastPageMs, int pages, double walkMs, double appRps, double createP50,
      double createP99, long rssLoaded, long rssMeasured, long rssAfterGc, long pgPss, double countMs, long dbBytes) {}

  record Throughput(int connections, List<Double> braeburn, List<Double> bare) {
    double ratio() {
      return Stats.median(braeburn) / Stats.median(bare);
    }
  }

  record Create(int count, double rps, double p50, double p90, double p99, double max) {}

  record IapWalk(double loadMs, List<Double> firsts, List<Double> lasts, List<Double> totals, List<Double> allPages) {}

  record Result(String store, List<Launch> launches, long rssIdle, List<Stage> stages, int appBytes, List<Throughput> throughput,
      Create create, IapWalk walk, long rssFinal, long peakRss, long pgPssFinal) {}

  private Result measure(String store) throws Exception {
    System.out.printf("%n# store: %s (load average %s)%n", store, loadAverage());
    List<Launch> ls = new ArrayList<>();
    ChildServer server = null;
    String jdbcUrl = null;
    List<Path> dirs = new ArrayList<>();
    try {
      for (int i = 0; i < launches; i++) {
        Path dir = Files.createTempDirectory("braeburn-store-" + store);
        dirs.add(dir);
        List<String> extra = new ArrayList<>(List.of("--hourly-limit", HOURLY_LIMIT));
        String url = store.equals("postgres") ? freshDatabase() : "jdbc:sqlite:" + dir.resolve("braeburn.db");
        if (store.equals("postgres")) {
          extra.addAll(List.of("--store", "postgres", "--jdbc-url", url));
        }
        ChildServer s = ChildServer.start(jarCopy, dir, serverJvmArgs, extra, null, null);
        ls.add(new Launch(s.bannerMs, s.healthMs, s.appsMs));
        System.out.printf("launch %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", i + 1, Stats.f(s.bannerMs),
            Stats.f(s.healthMs), Stats.f(s.appsMs));
        if (i < launches - 1) {
          s.close();
        } else {
          server = s;
          jdbcUrl = url;
        }
      }
      try {
        Result result = measure(store, server, jdbcUrl, ls);
        if (profile) {
          profileLaunch(store, dirs);
        }
        return result;
      } catch (Exception e) {
        System.out.println("the server's last output lines:\n" + server.tail());
        throw e;
      }
    } finally {
      if (server != null) {
        server.close();
      }
      dirs.forEach(PagingBenchmark::deleteRecursively);
    }
  }

  private Result measure(String store, ChildServer server, String jdbcUrl, List<Launch> ls) throws Exception {
    Client client = new Client(server.baseUrl());
    RawHttpLoad load = new RawHttpLoad("127.0.0.1", server.port);
    Tokens tokens = new Tokens(server.keyId, server.issuerId, server.key());
    String admin = server.adminToken();
    long rssIdle = server.rssKiB();
    System.out.printf("VmRSS after launch: %s%n", mib(rssIdle));

    List<Stage> stages = new ArrayList<>();
    int loaded = 0;
    int created = 0;
    for (int size : sizes) {
      int target = size - created;
      pgReset(jdbcUrl);
      long t = System.nanoTime();
      loaded = loadBundleIds(client, admin, loaded, target);
      double loadMs = Stats.ms(System.nanoTime() - t);
      pgTop(jdbcUrl, "loading to " + size);
      if (store.equals("postgres")) {
        System.out.printf("loaded to %,d bundleIds%s%n", size, pgTableStats(jdbcUrl));
      }
      pgReset(jdbcUrl);
      long rssLoaded = server.rssKiB();
      String token = tokens.get();
      // the walk checks every page (200 bundle IDs, all ids distinct) and finds the last page's URL
      String first = "/v1/bundleIds?limit=" + PAGE;
      PagingBenchmark.Walk walk = PagingBenchmark.walk(client, first, token, size, PAGE, size / PAGE);
      // small walks are short: walk again until 50 pages have been served, so the JIT has seen this code
      for (int served = walk.pages().size(); served < 50; served += walk.pages().size()) {
        walk = PagingBenchmark.walk(client, first, token, size, PAGE, size / PAGE);
      }
      List<Double> firsts = new ArrayList<>();
      List<Double> lasts = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        firsts.add(timeGet(client, first, token));
        lasts.add(timeGet(client, walk.lastUrl(), token));
      }
      pgTop(jdbcUrl, "walking and paging at " + size);
      double[] count = countQuery(jdbcUrl, server.issuerId, size);
      if (stages.isEmpty()) {
        // the server JVM is fresh: warm GET and create (JIT) before the first size is measured
        load.run(APP_PATH, 16, 5 * stageRequests, i -> token);
        creates(load, token, 16, stageCreates, "warm");
        created += stageCreates;
      }
      load.run(APP_PATH, 16, stageRequests / 2, i -> token); // warm-up
      List<Double> rps = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        rps.add(load.run(APP_PATH, 16, stageRequests, i -> token));
      }
      pgReset(jdbcUrl);
      Create c = creates(load, token, 16, stageCreates, "s" + size);
      created += stageCreates;
      pgTop(jdbcUrl, "creating at " + size);
      long rssMeasured = server.rssKiB();
      server.jcmd("GC.run");
      Thread.sleep(500);
      long rssGc = server.rssKiB();
      Stage s = new Stage(size, loadMs, Stats.median(firsts), Stats.median(lasts), walk.pages().size(), walk.totalMs(), Stats.median(rps),
          c.p50, c.p99, rssLoaded, rssMeasured, rssGc, postgresPss(), count[0], (long) count[1]);
      stages.add(s);
      System.out.printf("%,d bundleIds (+1 app; load %s ms): walk %d pages %s ms; page 1 %s ms, page %d %s ms; GET app %.0f req/s; "
              + "create p50 %s p99 %s ms; VmRSS loaded %s, measured %s, after GC.run %s%s; COUNT(*) alone %s ms, database %.0f MiB%n",
          size, Stats.f(loadMs), s.pages, Stats.f(s.walkMs), Stats.f(s.firstPageMs), s.pages, Stats.f(s.lastPageMs), s.appRps,
          Stats.f2(s.createP50), Stats.f2(s.createP99), mib(rssLoaded), mib(rssMeasured), mib(rssGc),
          s.pgPss < 0 ? "" : "; PostgreSQL PSS " + mib(s.pgPss), Stats.f(s.countMs), s.dbBytes / 1048576.0);
    }

    // GET /v1/apps/{id} against a bare Jetty returning the same response
    String token = tokens.get();
    RawHttpLoad.Response reference = load.fetch(load.get(APP_PATH, token));
    if (reference.status() != 200) {
      throw new IllegalStateException(APP_PATH + " returned " + reference.status());
    }
    List<String> headerLines = new ArrayList<>();
    for (Map.Entry<String, String> h : reference.headers().entrySet()) {
      if (!h.getKey().equals("date") && !h.getKey().equals("content-length") && !h.getKey().equals("connection")) {
        headerLines.add(canonical(h.getKey()) + ": " + h.getValue());
      }
    }
    List<Throughput> throughput = new ArrayList<>();
    try (BareJetty.Child bare = BareJetty.start(reference.body(), headerLines)) {
      RawHttpLoad bareLoad = new RawHttpLoad("127.0.0.1", bare.port());
      RawHttpLoad.Response copy = bareLoad.fetch(bareLoad.get(APP_PATH, token));
      if (!Arrays.equals(copy.body(), reference.body()) || !copy.headers().keySet().equals(reference.headers().keySet())) {
        throw new IllegalStateException("the bare Jetty's response differs: " + copy.headers() + " vs " + reference.headers());
      }
      System.out.printf("GET %s: %d body bytes, headers %s%n", APP_PATH, reference.body().length, reference.headers().keySet());
      // the bare Jetty JVM is new: warm it (JIT) until a run is no faster than the one before, at most 10 runs
      double previous = 0;
      for (int w = 0; w < 10; w++) {
        double rps = bareLoad.run(APP_PATH, 16, requests, i -> token);
        if (rps < previous * 1.05) {
          break;
        }
        previous = rps;
      }
      for (int conns : connections) {
        bareLoad.run(APP_PATH, conns, requests, i -> token); // warm-up of both at this connection count
        load.run(APP_PATH, conns, requests, i -> token);
        List<Double> b = new ArrayList<>();
        List<Double> j = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          // alternate the order so neither always runs first
          if (r % 2 == 0) {
            b.add(load.run(APP_PATH, conns, requests, i -> token));
            j.add(bareLoad.run(APP_PATH, conns, requests, i -> token));
          } else {
            j.add(bareLoad.run(APP_PATH, conns, requests, i -> token));
            b.add(load.run(APP_PATH, conns, requests, i -> token));
          }
        }
        Throughput tp = new Throughput(conns, b, j);
        throughput.add(tp);
        System.out.printf("GET app, %d connections, %d requests: braeburn %s req/s, bare jetty %s req/s, ratio %s%n", conns, requests,
            rates(b), rates(j), Stats.f2(tp.ratio()));
      }
    }

    Create create = creates(load, tokens.get(), 16, creates, "main");
    System.out.printf("POST /v1/bundleIds x %d over 16 connections: %.0f req/s, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms%n", creates,
        create.rps, Stats.f2(create.p50), Stats.f2(create.p90), Stats.f2(create.p99), Stats.f2(create.max));

    // the 10,000-IAP walk of section 1, now against this child server
    long t = System.nanoTime();
    PagingBenchmark.load(client, admin, iaps);
    double iapLoadMs = Stats.ms(System.nanoTime() - t);
    String first = "/v1/apps/" + PagingBenchmark.APP_ID + "/inAppPurchasesV2?limit=" + PAGE
        + "&include=inAppPurchaseLocalizations,appStoreReviewScreenshot";
    int pages = (iaps + PAGE - 1) / PAGE;
    List<Double> firsts = new ArrayList<>();
    List<Double> lasts = new ArrayList<>();
    List<Double> totals = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (int w = 0; w < 1 + walks; w++) {
      PagingBenchmark.Walk walk = PagingBenchmark.walk(client, first, tokens.get(), iaps, PAGE, pages);
      System.out.printf("%s IAP walk: %d pages, first %s ms, last %s ms, total %s ms%n", w == 0 ? "warm-up" : "measured",
          walk.pages().size(), Stats.f(walk.pages().getFirst()), Stats.f(walk.pages().getLast()), Stats.f(walk.totalMs()));
      if (w > 0) {
        firsts.add(walk.pages().getFirst());
        lasts.add(walk.pages().getLast());
        totals.add(walk.totalMs());
        all.addAll(walk.pages());
      }
    }
    System.out.printf("load average now %s%n", loadAverage());
    long rssFinal = server.rssKiB();
    long peak = server.peakRssKiB();
    long pss = postgresPss();
    System.out.printf("loaded %d IAPs in %s ms; VmRSS at the end %s, peak (VmHWM) %s%s%n", iaps, Stats.f(iapLoadMs), mib(rssFinal), mib(peak),
        pss < 0 ? "" : "; PostgreSQL PSS " + mib(pss));
    if (profile) {
      profile(server, client, load, tokens, admin, loaded);
    }
    return new Result(store, ls, rssIdle, stages, reference.body().length, throughput, create,
        new IapWalk(iapLoadMs, firsts, lasts, totals, all), rssFinal, peak, pss);
  }

  /** A cached token, minted again when it is 5 minutes old (tokens live 10). */
  static final class Tokens {
    private final String keyId;
    private final String issuerId;
    private final ECPrivateKey key;
    private String token;
    private long mintedAt;

    Tokens(String keyId, String issuerId, ECPrivateKey key) {
      this.keyId = keyId;
      this.issuerId = issuerId;
      this.key = key;
    }

    String get() {
      if (token == null || System.nanoTime() - mintedAt > TimeUnit.MINUTES.toNanos(5)) {
        token = Client.token(keyId, issuerId, key);
        mintedAt = System.nanoTime();
      }
      return token;
    }
  }

  /** Loads bundle IDs {@code from}…{@code to-1} (and the app first), 1,000 a request; returns {@code to}. */
  static int loadBundleIds(Client client, String admin, int from, int to) throws Exception {
    for (int start = from; start < to; start += BATCH) {
      ObjectNode body = Client.JSON.createObjectNode();
      ArrayNode data = body.putArray("data");
      if (start == 0) {
        ObjectNode app = data.addObject().put("type", "apps").put("id", APP_ID);
        app.putObject("attributes").put("name", "Store bench").put("bundleId", "com.example.storebench").put("sku", "STOREBENCH")
            .put("primaryLocale", "en-US");
      }
      for (int i = start; i < Math.min(to, start + BATCH); i++) {
        ObjectNode b = data.addObject().put("type", "bundleIds").put("id", String.format("BL%08d", i));
        b.putObject("attributes").put("name", "Bench bundle " + i).put("identifier", "com.example.bench.load" + i)
            .put("platform", i % 3 == 0 ? "MAC_OS" : "IOS").put("seedId", "K7Q2M9XW4D");
      }
      Client.Reply r = client.send("POST", "/_braeburn/resources", Client.JSON.writeValueAsString(body), admin);
      if (r.status() != 201) {
        throw new IllegalStateException("loading bundle IDs returned " + r.status() + ": " + Client.abbreviate(r.body()));
      }
    }
    return Math.max(from, to);
  }

  /** {@code count} creates with distinct identifiers; each must return 201. */
  private static Create creates(RawHttpLoad load, String token, int conns, int count, String tag) throws Exception {
    RawHttpLoad.Result r = load.run(conns, count, i -> load.post("/v1/bundleIds", token,
        "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"Bench create " + tag + " " + i
            + "\",\"identifier\":\"com.example.bench.create." + tag + "." + i + "\",\"platform\":\"IOS\"}}}"), 201, true);
    List<Double> ms = r.latenciesMs();
    return new Create(count, r.perSecond(), Stats.median(ms), Stats.percentile(ms, 90), Stats.percentile(ms, 99), Stats.max(ms));
  }

  private static double timeGet(Client client, String url, String token) throws Exception {
    long t = System.nanoTime();
    Client.Reply r = client.get(url, token);
    double ms = Stats.ms(System.nanoTime() - t);
    if (r.status() != 200) {
      throw new IllegalStateException(url + " returned " + r.status() + ": " + Client.abbreviate(r.body()));
    }
    return ms;
  }

  /**
   * What the COUNT(*) behind every page's {@code meta.paging.total} costs by itself: the same
   * statement the store runs, on the server's database from a connection of our own (median of 5),
   * and the database's size in bytes.
   */
  private static double[] countQuery(String jdbcUrl, String teamId, int expected) throws Exception {
    List<Double> times = new ArrayList<>();
    long bytes;
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM resources WHERE team_id = ? AND type = ?")) {
      s.setString(1, teamId);
      s.setString(2, "bundleIds");
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          times.add(Stats.ms(System.nanoTime() - t));
          if (rs.getLong(1) != expected) {
            System.out.printf("(COUNT(*) found %d bundleIds, expected %d)%n", rs.getLong(1), expected);
          }
        }
      }
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        Path db = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
        Path wal = Path.of(db + "-wal");
        bytes = Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
      } else {
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT pg_database_size(current_database())")) {
          rs.next();
          bytes = rs.getLong(1);
        }
      }
    }
    return new double[] {Stats.median(times), bytes};
  }

  /** JFR profiles of four workloads, after all measuring is done (recording perturbs the server). */
  private void profile(ChildServer server, Client client, RawHttpLoad load, Tokens tokens, String admin, int loaded) throws Exception {
    String token = tokens.get();
    System.out.println();
    profiled(server, "profile: GET " + APP_PATH + ", 16 connections, 20,000 requests",
        () -> load.run(APP_PATH, 16, 20_000, i -> token));
    profiled(server, "profile: POST /v1/bundleIds, 16 connections, 3,000 requests", () -> creates(load, token, 16, 3_000, "profile"));
    profiled(server, "profile: GET /v1/bundleIds?limit=200, first 200 pages of the walk, one connection", () -> {
      String next = "/v1/bundleIds?limit=" + PAGE;
      for (int p = 0; p < 200 && next != null; p++) {
        com.fasterxml.jackson.databind.JsonNode n = client.get(next, token).json().path("links").path("next");
        next = n.isTextual() ? n.asText() : null;
      }
      return null;
    });
    profiled(server, "profile: POST /_braeburn/resources, 10 x 1,000 bundle IDs", () -> loadBundleIds(client, admin, loaded, loaded + 10_000));
  }

  /** One more launch, with a JFR recording from JVM start to the first 200 (so not a measured launch). */
  private void profileLaunch(String store, List<Path> dirs) throws Exception {
    Path dir = Files.createTempDirectory("braeburn-store-" + store);
    dirs.add(dir);
    Path jfr = dir.resolve("launch.jfr");
    List<String> extra = new ArrayList<>(List.of("--hourly-limit", HOURLY_LIMIT));
    if (store.equals("postgres")) {
      extra.addAll(List.of("--store", "postgres", "--jdbc-url", freshDatabase()));
    }
    List<String> jvm = List.of("-XX:StartFlightRecording=name=launch,settings=profile,jdk.SocketRead#threshold=0ms,jdk.ThreadPark#threshold=1ms");
    ChildServer s = ChildServer.start(jarCopy, dir, jvm, extra, null, null);
    try {
      s.jcmd("JFR.dump", "name=launch", "filename=" + jfr);
    } finally {
      s.close();
    }
    System.out.print(new JfrProfile(s, false).read(jfr).report("profile: launch to first GET /v1/apps 200, " + store
        + " (with JFR on: banner " + Stats.f(s.bannerMs) + " ms, GET /v1/apps " + Stats.f(s.appsMs) + " ms)", s.appsMs, 15));
  }

  private static void profiled(ChildServer server, String title, java.util.concurrent.Callable<?> work) throws Exception {
    JfrProfile p = new JfrProfile(server, true);
    double ms = p.during(() -> {
      long w = System.nanoTime();
      work.call();
      return Stats.ms(System.nanoTime() - w);
    });
    System.out.print(p.report(title, ms, 12));
  }

  /** With --profile on PostgreSQL: forget the statement statistics so far. */
  private void pgReset(String jdbcUrl) {
    if (!profile || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      return;
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset()");
    } catch (Exception e) {
      System.out.println("(pg_stat_statements: " + e.getMessage() + ")");
    }
  }

  /** With --profile on PostgreSQL: the statements that took the most time since {@link #pgReset}. */
  private void pgTop(String jdbcUrl, String phase) {
    if (!profile || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      return;
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, mean_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)"
            + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " ORDER BY total_exec_time DESC LIMIT 5")) {
      System.out.printf("  PostgreSQL statements by time, %s:%n", phase);
      while (rs.next()) {
        System.out.printf("    %8.0f ms %8d calls %7.3f ms each %8d rows  %s%n", rs.getDouble(2), rs.getLong(1), rs.getDouble(3), rs.getLong(4),
            rs.getString(5));
      }
    } catch (Exception e) {
      System.out.println("(pg_stat_statements: " + e.getMessage() + ")");
    }
  }

  /** PostgreSQL's idea of the resources table: live rows counted, the planner's estimate, last analyze. */
  private static String pgTableStats(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "";
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT t.n_live_tup, c.reltuples::bigint, greatest(t.last_autoanalyze, t.last_analyze)"
            + " FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid WHERE t.relname = 'resources'")) {
      rs.next();
      return String.format("; resources table: %d live rows, planner estimate %d, last analyzed %s", rs.getLong(1), rs.getLong(2),
          rs.getString(3));
    } catch (Exception e) {
      return "; (" + e.getMessage() + ")";
    }
  }

  // ---- PostgreSQL ----

  /** A new, empty database on the one embedded PostgreSQL (started on first use). */
  private String freshDatabase() throws Exception {
    if (postgres == null) {
      long t = System.nanoTime();
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (profile) {
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      postgres = builder.start();
      System.out.printf("embedded PostgreSQL started in %s ms (port %d)%n", Stats.f(Stats.ms(System.nanoTime() - t)), postgres.getPort());
    }
    String name = "braeburn_bench_" + ProcessHandle.current().pid() + "_" + (++databases);
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = postgres.getJdbcUrl("postgres", name);
    if (profile) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
      }
    }
    return url;
  }

  /**
   * Proportional set size (KiB) of the PostgreSQL postmaster and all its children, from
   * {@code /proc/<pid>/smaps_rollup}: shared buffers counted once in total. -1 without PostgreSQL.
   */
  private long postgresPss() {
    if (postgres == null) {
      return -1;
    }
    // the postmaster is the parent of any backend, e.g. of the one this query runs in
    ProcessHandle master;
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      master = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
    } catch (Exception e) {
      return -1;
    }
    if (master == null) {
      return -1;
    }
    long total = pss(master.pid());
    for (ProcessHandle child : master.descendants().toList()) {
      total += Math.max(0, pss(child.pid()));
    }
    return total;
  }

  private static long pss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (Exception e) {
      // gone
    }
    return 0;
  }

  // ---- report ----

  private static void report(List<Result> results, StoreBenchmark b) {
    System.out.println();
    System.out.printf("## Stores: %s (one server JVM each, %d launches, sizes %s)%n",
        String.join(" and ", results.stream().map(Result::store).toList()), b.launches, Arrays.toString(b.sizes));
    StringBuilder head = new StringBuilder("| metric |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Result r : results) {
      head.append(' ').append(r.store).append(" |");
      rule.append("---:|");
    }
    System.out.println(head + " target | verdict |");
    System.out.println(rule + "---|---|");
    row(results, "launch: health 200 ms (median)", r -> Stats.f(Stats.median(r.launches.stream().map(Launch::healthMs).toList())), "");
    row(results, "launch: first `GET /v1/apps` 200 ms (median)", r -> Stats.f(Stats.median(r.launches.stream().map(Launch::appsMs).toList())),
        "<= 1500 | " + verdict(results, r -> Stats.median(r.launches.stream().map(Launch::appsMs).toList()) <= 1500));
    for (int i = 0; i < b.connections.length; i++) {
      int k = i;
      row(results, "`GET /v1/apps/{id}` req/s, " + b.connections[k] + " connections",
          r -> String.format(Locale.ROOT, "%,.0f", Stats.median(r.throughput.get(k).braeburn)), "");
      row(results, "bare Jetty, same bytes, req/s, " + b.connections[k] + " connections",
          r -> String.format(Locale.ROOT, "%,.0f", Stats.median(r.throughput.get(k).bare)), "");
      row(results, "**ratio** (" + b.connections[k] + ")", r -> "**" + Stats.f2(r.throughput.get(k).ratio()) + "**",
          ">= 0.4 (SQLite) | " + verdict(results.stream().filter(r -> r.store.equals("sqlite")).toList(),
              r -> r.throughput.get(k).ratio() >= 0.4));
    }
    row(results, b.iaps + "-IAP walk, median ms (" + b.walks + " walks)", r -> Stats.f(Stats.median(r.walk.totals)),
        "< 2000 | " + verdict(results, r -> Stats.median(r.walk.totals) < 2000));
    row(results, "IAP walk first / last page ms", r -> Stats.f(Stats.median(r.walk.firsts)) + " / " + Stats.f(Stats.median(r.walk.lasts)),
        "last/first <= 1.5 | " + verdict(results, r -> Stats.median(r.walk.lasts) / Stats.median(r.walk.firsts) <= 1.5));
    row(results, "create `POST /v1/bundleIds` req/s (" + b.creates + ", 16 connections)",
        r -> String.format(Locale.ROOT, "%,.0f", r.create.rps), "");
    row(results, "create p50 / p99 ms", r -> Stats.f2(r.create.p50) + " / " + Stats.f2(r.create.p99), "");
    Function<Result, Stage> last = r -> r.stages.getLast();
    row(results, "VmRSS MiB at " + String.format(Locale.ROOT, "%,d", b.sizes[b.sizes.length - 1]) + " (after load / after measuring / after GC.run)",
        r -> mibs(last.apply(r).rssLoaded) + " / " + mibs(last.apply(r).rssMeasured) + " / " + mibs(last.apply(r).rssAfterGc),
        "< 512 | " + verdict(results, r -> Math.max(last.apply(r).rssLoaded, last.apply(r).rssMeasured) < 512 * 1024));
    row(results, "VmRSS MiB at the end (+" + (b.iaps * 4 + 1) + " IAP resources) / peak VmHWM", r -> mibs(r.rssFinal) + " / " + mibs(r.peakRss), "");

    for (Result r : results) {
      System.out.println();
      System.out.printf("### Growth, %s%n", r.store);
      System.out.println("| bundle IDs | load ms | walk ms (pages) | page 1 ms | last page ms | last / page 1 | `GET /v1/apps/{id}` req/s (16) "
          + "| create p50 / p99 ms | VmRSS MiB loaded / measured / after GC.run | COUNT(*) alone ms | database MiB |"
          + (r.pgPssFinal >= 0 ? " PostgreSQL PSS MiB |" : ""));
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|" + (r.pgPssFinal >= 0 ? "---:|" : ""));
      for (Stage s : r.stages) {
        System.out.printf("| %,d | %s | %s (%d) | %s | %s | %s | %,.0f | %s / %s | %s / %s / %s | %s | %.0f |%s%n", s.size, Stats.f(s.loadMs),
            Stats.f(s.walkMs), s.pages, Stats.f(s.firstPageMs), Stats.f(s.lastPageMs), Stats.f2(s.lastPageMs / s.firstPageMs), s.appRps,
            Stats.f2(s.createP50), Stats.f2(s.createP99), mibs(s.rssLoaded), mibs(s.rssMeasured), mibs(s.rssAfterGc), Stats.f(s.countMs),
            s.dbBytes / 1048576.0, s.pgPss < 0 ? "" : " " + mibs(s.pgPss) + " |");
      }
      Stage small = r.stages.getFirst();
      Stage big = r.stages.getLast();
      System.out.printf("page 1 at %,d / at %,d = %s; last page at %,d / page 1 at %,d = %s (target: flat, <= 1.5)%n", big.size, small.size,
          Stats.f2(big.firstPageMs / small.firstPageMs), big.size, small.size, Stats.f2(big.lastPageMs / small.firstPageMs));
    }
  }

  private static void row(List<Result> results, String name, Function<Result, String> value, String targetAndVerdict) {
    StringBuilder line = new StringBuilder("| ").append(name).append(" |");
    for (Result r : results) {
      line.append(' ').append(value.apply(r)).append(" |");
    }
    System.out.println(line + " " + (targetAndVerdict.isEmpty() ? " | |" : targetAndVerdict + " |"));
  }

  private static String verdict(List<Result> results, java.util.function.Predicate<Result> met) {
    if (results.isEmpty()) {
      return "n/a";
    }
    List<String> missed = results.stream().filter(met.negate()).map(Result::store).toList();
    return missed.isEmpty() ? "met" : "MISSED (" + String.join(", ", missed) + ")";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "n/a";
    }
  }

  private static String rates(List<Double> xs) {
    return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
  }

  private static String mib(long kib) {
    return kib < 0 ? "n/a" : mibs(kib) + " MiB";
  }

  private static String mibs(long kib) {
    return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", kib / 1024.0);
  }

  static String canonical(String lower) {
    StringBuilder s = new StringBuilder(lower.length());
    boolean up = true;
    for (char c : lower.toCharArray()) {
      s.append(up ? Character.toUpperCase(c) : c);
      up = c == '-';
    }
    String name = s.toString();
    return name.equals("X-Request-Id") ? "X-Request-ID" : name;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
