package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Issue 5: webhook delivery latency and throughput, and build-upload throughput, on one in-process
 * demo-seeded server (SQLite, hourly limit off).
 *
 * <ol>
 *   <li>Latency: events injected one at a time with {@code POST /_braeburn/webhooks/events} (which
 *       commits the outbox row and wakes the scheduler); from just before the request is sent to the
 *       receiver (JDK HttpServer on 127.0.0.1:0, answers 200 at once) getting the POST.
 *   <li>The same for an API state change that announces an event: the commit of a tiny build
 *       upload ({@code PATCH /v1/buildUploadFiles/{id}} → {@code BUILD_UPLOAD_STATE_UPDATED}).
 *   <li>Sustained deliveries: a burst of events injected by 8 concurrent senders; time until the
 *       receiver has them all.
 *   <li>Upload: a file uploaded through the build-upload operations (5 MiB parts, 4 concurrent
 *       connections, then the MD5 commit) vs the same bytes PUT to a bare Jetty 12 handler that
 *       reads and discards the body (one PUT of the whole file, and the same 5 MiB parts on 4
 *       connections), alternating, median of the rounds.
 * </ol>
 *
 * <p>Arguments (all optional): {@code --events 500 --burst 2000 --api-events 50 --mib 200 --rounds 3}.
 */
public final class DeliveryBenchmark {
  static final String HOOK_APP = "1600000001";
  static final String UPLOAD_APP = "1600000002";
  static final int PART = 5_242_880;
  static final Duration WAIT = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    int events = PagingBenchmark.intArg(args, "--events", 500);
    int burst = PagingBenchmark.intArg(args, "--burst", 2000);
    int apiEvents = PagingBenchmark.intArg(args, "--api-events", 50);
    int mib = PagingBenchmark.intArg(args, "--mib", 200);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 3);

    Path dir = Files.createTempDirectory("braeburn-bench-delivery");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo")
        .withHourlyLimit(0);
    Receiver receiver = new Receiver();
    Jetty bare = Jetty.start();
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      String base = "http://127.0.0.1:" + server.port();
      Client client = new Client(base);
      ECPrivateKey key = Client.privateKey(Files.readString(server.firstStart().privateKeyFile()));
      String token = Client.token(server.firstStart().keyId(), server.firstStart().issuerId(), key);
      String admin = server.adminToken();

      Client.Reply hook = client.send("POST", "/v1/webhooks", "{\"data\":{\"type\":\"webhooks\",\"attributes\":{\"name\":\"Bench\","
          + "\"enabled\":true,\"url\":\"" + receiver.url() + "\",\"secret\":\"bench-secret\",\"eventTypes\":"
          + "[\"APP_STORE_VERSION_APP_VERSION_STATE_UPDATED\",\"BUILD_UPLOAD_STATE_UPDATED\"]},"
          + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + HOOK_APP + "\"}}}}}", token);
      check(hook, 201, "POST /v1/webhooks");
      String inject = "{\"appId\":\"" + HOOK_APP + "\",\"eventType\":\"APP_STORE_VERSION_APP_VERSION_STATE_UPDATED\","
          + "\"attributes\":{\"oldValue\":\"WAITING_FOR_REVIEW\",\"newValue\":\"IN_REVIEW\"}}";

      // ---- 1. one at a time, after a warm-up of 50
      List<Double> latency = new ArrayList<>();
      List<Double> answered = new ArrayList<>();
      int late = 0;
      for (int i = 0; i < 50 + events; i++) {
        receiver.arrivals.clear();
        long t0 = System.nanoTime();
        check(client.send("POST", "/_braeburn/webhooks/events", inject, admin), 201, "inject");
        long t1 = System.nanoTime();
        Long at = receiver.arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (at == null) {
          throw new IllegalStateException("event " + i + " not delivered within " + WAIT);
        }
        if (i >= 50) {
          latency.add(Stats.ms(at - t0));
          answered.add(Stats.ms(t1 - t0));
          if (at - t0 > 100_000_000L) {
            late++;
          }
        }
      }

      // ---- 2. an API state change: commit of a tiny build upload announces BUILD_UPLOAD_STATE_UPDATED
      List<Double> apiLatency = new ArrayList<>();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      byte[] tiny = new byte[1024];
      String tinyMd5 = md5(tiny, 0, tiny.length);
      for (int i = 0; i < 5 + apiEvents; i++) {
        Reserved r = reserve(client, token, HOOK_APP, "9." + i, "tiny.ipa", tiny.length);
        put(http, r.urls().getFirst(), tiny, 0, tiny.length);
        receiver.arrivals.clear();
        long t0 = System.nanoTime();
        check(client.send("PATCH", "/v1/buildUploadFiles/" + r.fileId(), commitBody(r.fileId(), tinyMd5), token), 200, "commit");
        Long at = receiver.arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (at == null) {
          throw new IllegalStateException("upload event " + i + " not delivered within " + WAIT);
        }
        if (i >= 5) {
          apiLatency.add(Stats.ms(at - t0));
        }
      }

      // ---- 3. burst
      receiver.arrivals.clear();
      int before = receiver.count.get();
      AtomicInteger next = new AtomicInteger();
      long b0 = System.nanoTime();
      long sentAt;
      try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> fs = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
          fs.add(senders.submit(() -> {
            Client c = new Client(base);
            while (next.getAndIncrement() < burst) {
              check(c.send("POST", "/_braeburn/webhooks/events", inject, admin), 201, "inject");
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(120, TimeUnit.SECONDS);
        }
        sentAt = System.nanoTime();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (receiver.count.get() - before < burst && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      long b1 = System.nanoTime();
      int got = receiver.count.get() - before;
      double burstSeconds = (b1 - b0) / 1e9;

      // ---- 4. uploads (clock frozen so no processing of the 200 MiB files starts during the run)
      check(client.send("POST", "/_braeburn/clock/freeze", "{}", admin), 200, "freeze");
      int size = mib * 1024 * 1024;
      byte[] file = new byte[size];
      new Random(42).nextBytes(file);
      String fileMd5 = md5(file, 0, size);
      List<Double> braeburnPut = new ArrayList<>();
      List<Double> braeburnAll = new ArrayList<>();
      List<Double> bareOne = new ArrayList<>();
      List<Double> bareParts = new ArrayList<>();
      List<Double> commits = new ArrayList<>();
      String bareUrl = "http://127.0.0.1:" + bare.port() + "/blob";
      for (int r = 0; r < rounds + 1; r++) { // round 0 warms up
        boolean measured = r > 0;
        long a0 = System.nanoTime();
        Reserved res = reserve(client, token, UPLOAD_APP, "1." + r, "big.ipa", size);
        long a1 = System.nanoTime();
        parts(http, res.urls(), file);
        long a2 = System.nanoTime();
        Client.Reply c = client.send("PATCH", "/v1/buildUploadFiles/" + res.fileId(), commitBody(res.fileId(), fileMd5), token);
        check(c, 200, "commit");
        String state = c.json().at("/data/attributes/assetDeliveryState/state").asText();
        if (!"UPLOAD_COMPLETE".equals(state)) {
          throw new IllegalStateException("commit answered assetDeliveryState " + state);
        }
        long a3 = System.nanoTime();
        List<String> bareUrls = new ArrayList<>();
        for (int p = 0; p < res.urls().size(); p++) {
          bareUrls.add(bareUrl + "/" + (p + 1));
        }
        long j0 = System.nanoTime();
        put(http, bareUrl, file, 0, size);
        long j1 = System.nanoTime();
        parts(http, bareUrls, file);
        long j2 = System.nanoTime();
        if (bare.bytes.get() != 2L * size * (r + 1)) {
          throw new IllegalStateException("bare jetty read " + bare.bytes.get() + " bytes, expected " + 2L * size * (r + 1));
        }
        System.out.printf("%s round %d: braeburn reserve %s ms, parts %s ms, commit %s ms | bare one PUT %s ms, parts %s ms%n",
            measured ? "measured" : "warm-up", r, Stats.f(Stats.ms(a1 - a0)), Stats.f(Stats.ms(a2 - a1)), Stats.f(Stats.ms(a3 - a2)),
            Stats.f(Stats.ms(j1 - j0)), Stats.f(Stats.ms(j2 - j1)));
        if (measured) {
          braeburnPut.add(Stats.ms(a2 - a1));
          braeburnAll.add(Stats.ms(a3 - a0));
          commits.add(Stats.ms(a3 - a2));
          bareOne.add(Stats.ms(j1 - j0));
          bareParts.add(Stats.ms(j2 - j1));
        }
      }

      double mb = size / 1e6;
      System.out.println();
      System.out.printf("## Webhook deliveries: %d events one at a time (after 50 warm-up), %d via upload commits, burst of %d%n",
          events, apiEvents, burst);
      System.out.println("| metric | p50 ms | p90 ms | p99 ms | max ms |");
      System.out.println("|---|---:|---:|---:|---:|");
      row("injected event → receiver", latency);
      row("  (inject request answered)", answered);
      row("upload commit (API change) → receiver", apiLatency);
      System.out.printf("one-at-a-time deliveries above 100 ms: %d of %d%n", late, latency.size());
      System.out.printf("burst: %d sent in %s ms (%.0f events/s), %d received in %s ms: %.0f deliveries/s%n", burst,
          Stats.f(Stats.ms(sentAt - b0)), burst / ((sentAt - b0) / 1e9), got, Stats.f(Stats.ms(b1 - b0)), got / burstSeconds);
      System.out.println();
      System.out.printf("## Upload of %d MiB (%d parts of 5 MiB), %d measured rounds after 1 warm-up (median)%n", mib,
          (size + PART - 1) / PART, rounds);
      System.out.println("| path | median ms | MB/s | vs bare one PUT |");
      System.out.println("|---|---:|---:|---:|");
      double one = Stats.median(bareOne);
      upRow("bare Jetty, one PUT", one, mb, one);
      upRow("bare Jetty, 5 MiB parts x 4 connections", Stats.median(bareParts), mb, one);
      upRow("Braeburn, part PUTs x 4 connections", Stats.median(braeburnPut), mb, one);
      upRow("Braeburn, reserve + parts + MD5 commit", Stats.median(braeburnAll), mb, one);
      System.out.printf("commit (PATCH uploaded, MD5 checked) median %s ms%n", Stats.f(Stats.median(commits)));
    } finally {
      receiver.close();
      bare.server.stop();
      PagingBenchmark.deleteRecursively(dir);
    }
  }

  static void row(String name, List<Double> xs) {
    System.out.printf("| %s | %s | %s | %s | %s |%n", name, Stats.f(Stats.median(xs)), Stats.f(Stats.percentile(xs, 90)),
        Stats.f(Stats.percentile(xs, 99)), Stats.f(Stats.max(xs)));
  }

  static void upRow(String name, double ms, double mb, double baseMs) {
    System.out.printf("| %s | %s | %.0f | %s |%n", name, Stats.f(ms), mb / (ms / 1000), Stats.f2(baseMs / ms));
  }

  static void check(Client.Reply r, int status, String what) {
    if (r.status() != status) {
      throw new IllegalStateException(what + " returned " + r.status() + ": " + Client.abbreviate(r.body()));
    }
  }

  record Reserved(String fileId, List<String> urls) {}

  static Reserved reserve(Client client, String token, String app, String version, String fileName, long size) throws Exception {
    Client.Reply u = client.send("POST", "/v1/buildUploads", "{\"data\":{\"type\":\"buildUploads\",\"attributes\":"
        + "{\"cfBundleShortVersionString\":\"1.0\",\"cfBundleVersion\":\"" + version + "\",\"platform\":\"IOS\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}}}}", token);
    check(u, 201, "POST /v1/buildUploads");
    String upload = u.json().at("/data/id").asText();
    Client.Reply f = client.send("POST", "/v1/buildUploadFiles", "{\"data\":{\"type\":\"buildUploadFiles\",\"attributes\":"
        + "{\"fileName\":\"" + fileName + "\",\"fileSize\":" + size + ",\"uti\":\"com.apple.ipa\",\"assetType\":\"ASSET\"},"
        + "\"relationships\":{\"buildUpload\":{\"data\":{\"type\":\"buildUploads\",\"id\":\"" + upload + "\"}}}}}", token);
    check(f, 201, "POST /v1/buildUploadFiles");
    JsonNode data = f.json().path("data");
    List<String> urls = new ArrayList<>();
    long offset = 0;
    for (JsonNode op : data.at("/attributes/uploadOperations")) {
      if (op.path("offset").asLong() != offset || op.path("partNumber").asInt() != urls.size() + 1) {
        throw new IllegalStateException("unexpected operation " + op);
      }
      offset += op.path("length").asLong();
      urls.add(op.path("url").asText());
    }
    if (offset != size) {
      throw new IllegalStateException("operations cover " + offset + " of " + size + " bytes");
    }
    return new Reserved(data.path("id").asText(), urls);
  }

  static String commitBody(String fileId, String md5) {
    return "{\"data\":{\"type\":\"buildUploadFiles\",\"id\":\"" + fileId + "\",\"attributes\":{\"uploaded\":true,"
        + "\"sourceFileChecksums\":{\"file\":{\"hash\":\"" + md5 + "\",\"algorithm\":\"MD5\"}}}}}";
  }

  /** PUTs part i (5 MiB at i * 5 MiB, the last one the remainder) to urls[i], 4 at a time. */
  static void parts(HttpClient http, List<String> urls, byte[] file) throws Exception {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(pool.submit(() -> {
          for (int p = next.getAndIncrement(); p < urls.size(); p = next.getAndIncrement()) {
            int offset = p * PART;
            put(http, urls.get(p), file, offset, Math.min(PART, file.length - offset));
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
    }
  }

  static void put(HttpClient http, String url, byte[] file, int offset, int length) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(file, offset, length)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PUT " + url + " returned " + r.statusCode() + ": " + Client.abbreviate(r.body()));
    }
  }

  static String md5(byte[] bytes, int offset, int length) throws Exception {
    MessageDigest md = MessageDigest.getInstance("MD5");
    md.update(bytes, offset, length);
    return HexFormat.of().formatHex(md.digest());
  }

  /** Records the arrival time of every request before reading its body; answers 200 "ok". */
  static final class Receiver implements AutoCloseable {
    final LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    final AtomicInteger count = new AtomicInteger();
    private final HttpServer http;

    Receiver() throws Exception {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.createContext("/", exchange -> {
        long at = System.nanoTime();
        exchange.getRequestBody().readAllBytes();
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
        arrivals.add(at);
        count.incrementAndGet();
      });
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  /** Jetty 12 as Braeburn's transport is set up, with one handler that reads and discards the body. */
  record Jetty(Server server, int port, java.util.concurrent.atomic.AtomicLong bytes) {
    static Jetty start() throws Exception {
      VirtualThreadPool threads = new VirtualThreadPool();
      threads.setName("bare");
      Server server = new Server(threads);
      HttpConfiguration config = new HttpConfiguration();
      config.setSendServerVersion(false);
      config.setSendDateHeader(true);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
      server.setHandler(new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
          byte[] buf = new byte[64 * 1024];
          long n = 0;
          try (InputStream in = Request.asInputStream(request)) {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
              n += r;
            }
          }
          bytes.addAndGet(n);
          response.setStatus(200);
          response.write(true, java.nio.ByteBuffer.allocate(0), callback);
          return true;
        }
      });
      server.start();
      return new Jetty(server, connector.getLocalPort(), bytes);
    }
  }
}
