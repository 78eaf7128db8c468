package dev.braeburn.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 19: webhook deliveries one at a time on the scheduler's thread (the old path, system
 * property {@code braeburn.scheduler.serial=true}) against deliveries in lanes (the default), two
 * in-process demo-seeded SQLite servers in one JVM, both alive for the whole run.
 *
 * <ol>
 *   <li>Backlog drain: the fast receiver holds its answers while {@code --backlog} events are injected
 *       (8 senders), so they pile up as due deliveries; then it answers at once, and we time from the
 *       release to the last arrival. Rounds alternate between the two servers; median.
 *   <li>A slow receiver beside a fast one: a second webhook on the same app whose receiver answers
 *       after 10 s (Braeburn's POST timeout: the longest one delivery can hold a slot). Events go to
 *       both, one at a time; latency from the inject request to the fast receiver's arrival.
 * </ol>
 *
 * <p>Arguments: {@code --backlog 3000 --rounds 3 --slow-events 200 --serial-slow-events 3}.
 */
public final class DeliveryLanesBenchmark {
  static final String APP = "1600000001";
  static final String FAST_TYPE = "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED";

  public static void main(String[] args) throws Exception {
    int backlog = PagingBenchmark.intArg(args, "--backlog", 3000);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 3);
    int slowEvents = PagingBenchmark.intArg(args, "--slow-events", 200);
    int serialSlowEvents = PagingBenchmark.intArg(args, "--serial-slow-events", 3);
    // one webhook's backlog: let its lane run 16 at once (the default keeps one webhook's deliveries in order, one at a time)
    System.setProperty("braeburn.webhooks.inFlightPerWebhook", "16");

    try (Side serial = Side.start("serial (old path)", true); Side lanes = Side.start("lanes", false)) {
      List<Double> serialRates = new ArrayList<>();
      List<Double> laneRates = new ArrayList<>();
      for (int r = 0; r < rounds + 1; r++) { // round 0 warms up
        double s = serial.drain(backlog);
        double l = lanes.drain(backlog);
        System.out.printf("%s round %d: serial %.0f deliveries/s, lanes %.0f deliveries/s%n", r == 0 ? "warm-up" : "measured", r, s, l);
        if (r > 0) {
          serialRates.add(s);
          laneRates.add(l);
        }
      }
      double s = Stats.median(serialRates);
      double l = Stats.median(laneRates);
      System.out.println();
      System.out.printf("## Backlog of %d deliveries to one fast receiver, median of %d rounds%n", backlog, rounds);
      System.out.println("| path | deliveries/s | vs serial |");
      System.out.println("|---|---:|---:|");
      System.out.printf("| serial (old path) | %.0f | 1.00 |%n| lanes | %.0f | %s |%n", s, l, Stats.f2(l / s));

      List<Double> laneLatency = lanes.besideSlow(slowEvents);
      List<Double> serialLatency = serial.besideSlow(serialSlowEvents);
      System.out.println();
      System.out.println("## Fast receiver latency while a receiver that takes 10 s gets every event too, ms");
      System.out.println("| path | events | p50 | p90 | p99 | max |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      latencyRow("serial (old path)", serialLatency);
      latencyRow("lanes", laneLatency);
    }
  }

  static void latencyRow(String name, List<Double> xs) {
    System.out.printf("| %s | %d | %s | %s | %s | %s |%n", name, xs.size(), Stats.f(Stats.median(xs)), Stats.f(Stats.percentile(xs, 90)),
        Stats.f(Stats.percentile(xs, 99)), Stats.f(Stats.max(xs)));
  }

  /** One server with its fast webhook and a slow one (subscribed to the fast type only after the backlog phase). */
  static final class Side implements AutoCloseable {
    final String name;
    final BraeburnServer server;
    final Path dir;
    final Client client;
    final String token;
    final String admin;
    final Receiver fast = new Receiver(0);
    final Receiver slow = new Receiver(10_000);

    private Side(String name, BraeburnServer server, Path dir) throws Exception {
      this.name = name;
      this.server = server;
      this.dir = dir;
      client = new Client("http://127.0.0.1:" + server.port());
      ECPrivateKey key = Client.privateKey(Files.readString(server.firstStart().privateKeyFile()));
      token = Client.token(server.firstStart().keyId(), server.firstStart().issuerId(), key);
      admin = server.adminToken();
      webhook(fast.url(), FAST_TYPE);
    }

    static Side start(String name, boolean serial) throws Exception {
      Path dir = Files.createTempDirectory("braeburn-bench-lanes");
      // read when the server builds its scheduler
      System.setProperty("braeburn.scheduler.serial", Boolean.toString(serial));
      Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo").withHourlyLimit(0);
      return new Side(name, BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream())), dir);
    }

    void webhook(String url, String type) throws Exception {
      DeliveryBenchmark.check(client.send("POST", "/v1/webhooks", "{\"data\":{\"type\":\"webhooks\",\"attributes\":{\"name\":\"Bench\","
          + "\"enabled\":true,\"url\":\"" + url + "\",\"secret\":\"bench-secret\",\"eventTypes\":[\"" + type + "\"]},"
          + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}", token), 201, "POST /v1/webhooks");
    }

    void inject(Client c) throws Exception {
      DeliveryBenchmark.check(c.send("POST", "/_braeburn/webhooks/events", "{\"appId\":\"" + APP + "\",\"eventType\":\"" + FAST_TYPE
          + "\",\"attributes\":{\"oldValue\":\"WAITING_FOR_REVIEW\",\"newValue\":\"IN_REVIEW\"}}", admin), 201, "inject");
    }

    /** Deliveries per second from the release of a held backlog of {@code n} events to the last arrival. */
    double drain(int n) throws Exception {
      CountDownLatch release = new CountDownLatch(1);
      fast.hold = release;
      int before = fast.count.get();
      AtomicInteger next = new AtomicInteger();
      try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> fs = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
          fs.add(senders.submit(() -> {
            Client c = new Client(client.baseUrl());
            while (next.getAndIncrement() < n) {
              inject(c);
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(120, TimeUnit.SECONDS);
        }
      }
      int heldArrived = fast.count.get() - before; // in flight, held: sent before the release
      fast.hold = null;
      long t0 = System.nanoTime();
      release.countDown();
      long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
      while (fast.count.get() - before < n && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      if (fast.count.get() - before < n) {
        throw new IllegalStateException(name + ": " + (fast.count.get() - before) + " of " + n + " delivered within 120 s");
      }
      long last = fast.lastArrival.get();
      return (n - heldArrived) / ((last - t0) / 1e9);
    }

    /** Latency of {@code n} events to the fast receiver, one at a time, while the slow receiver gets each too. */
    List<Double> besideSlow(int n) throws Exception {
      webhook(slow.url(), FAST_TYPE);
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fast.arrivals.clear();
        long t0 = System.nanoTime();
        inject(client);
        Long at = fast.arrivals.poll(60, TimeUnit.SECONDS);
        if (at == null) {
          throw new IllegalStateException(name + ": event " + i + " not delivered to the fast receiver within 60 s");
        }
        out.add(Stats.ms(at - t0));
      }
      return out;
    }

    @Override
    public void close() throws Exception {
      try {
        server.close();
      } finally {
        fast.close();
        slow.close();
        PagingBenchmark.deleteRecursively(dir);
      }
    }
  }

  /** Answers 200 after {@code delayMillis} (or, while {@link #hold} is set, once it opens); notes each arrival first. */
  static final class Receiver implements AutoCloseable {
    final LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong lastArrival = new AtomicLong();
    volatile CountDownLatch hold;
    private final HttpServer http;

    Receiver(long delayMillis) throws Exception {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.createContext("/", exchange -> {
        long at = System.nanoTime();
        exchange.getRequestBody().readAllBytes();
        CountDownLatch h = hold;
        if (h == null) { // a held request arrived before the timing started
          lastArrival.accumulateAndGet(at, Math::max);
        }
        arrivals.add(at);
        count.incrementAndGet(); // on arrival, before answering
        try {
          if (h != null) {
            h.await(30, TimeUnit.SECONDS);
          }
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
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
}
