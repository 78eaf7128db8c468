package dev.braeburn.benchmarks;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What https costs beside http, on one demo-seeded server started with {@code --tls}, in one run
 * with the modes interleaved round by round (the order rotates) so every mode sees the same machine:
 * <ul>
 *   <li><b>a new connection per request</b>: connect, TLS handshake, one {@code GET /_braeburn/health},
 *       close — over plain TCP, over TLS with a <em>full</em> handshake every time (the client forgets
 *       each session), and over TLS resuming the previous session (what a client with a session cache
 *       does after its first connection);</li>
 *   <li><b>keep-alive</b>: an authenticated {@code GET /v1/apps/1600000001} (a reused token, an 8.5 KB
 *       document) on 16 connections opened before the clock starts, over http and over https: the
 *       cost of encrypting a request and its response once the handshake is paid.</li>
 * </ul>
 * The client trusts only the root the server itself serves ({@code GET /_braeburn/ca/roots.pem}), as
 * a developer's client would after {@code ./braeburn ca export}. Sockets are raw ({@link RawHttpLoad})
 * so the client's CPU share stays small; on TLS the client still pays its half of every handshake on
 * the same 2 CPUs, which the ratios include.
 *
 * <p>Arguments (all optional): {@code --connections 16 --requests 4000 --handshakes 1000 --workers 4 --rounds 5}.
 */
public final class TlsBenchmark {
  private static final String APP = "/v1/apps/1600000001";
  private static final String HEALTH = "/_braeburn/health";

  public static void main(String[] args) throws Exception {
    int connections = PagingBenchmark.intArg(args, "--connections", 16);
    int requests = PagingBenchmark.intArg(args, "--requests", 4000);
    int handshakes = PagingBenchmark.intArg(args, "--handshakes", 1000);
    int workers = PagingBenchmark.intArg(args, "--workers", 4);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 5);
    Path dir = Files.createTempDirectory("braeburn-bench-tls");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withTlsPort(0).withDataDir(dir).withQuiet(true)
        .withSeed("demo").withHourlyLimit(0);
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      String token = Client.token(server.firstStart().keyId(), server.firstStart().issuerId(),
          Client.privateKey(Files.readString(server.firstStart().privateKeyFile())));
      RawHttpLoad http = new RawHttpLoad("127.0.0.1", server.port());
      byte[] roots = http.fetch(http.get("/_braeburn/ca/roots.pem", null)).body();
      SSLContext tls = trusting(roots);
      RawHttpLoad https = new RawHttpLoad("127.0.0.1", server.tlsPort(), tls.getSocketFactory());
      try (Socket probe = https.open()) {
        SSLSocket s = (SSLSocket) probe;
        System.out.printf("# negotiated %s %s; server chain: %s%n", s.getSession().getProtocol(), s.getSession().getCipherSuite(),
            describe(s.getSession().getPeerCertificates()));
      }
      System.out.println("# load average at start: " + loadAverage());

      Map<String, Mode> modes = new LinkedHashMap<>();
      modes.put("http, new connection", new Mode(() -> connectEach(http, http.get(HEALTH, null), workers, handshakes, false)));
      modes.put("https, new connection, full handshake", new Mode(() -> connectEach(https, https.get(HEALTH, null), workers, handshakes, true)));
      modes.put("https, new connection, resumed session", new Mode(() -> connectEach(https, https.get(HEALTH, null), workers, handshakes, false)));
      modes.put("http, keep-alive", new Mode(() -> new Sample(http.run(APP, connections, requests, i -> token), List.of(), List.of())));
      modes.put("https, keep-alive", new Mode(() -> new Sample(https.run(APP, connections, requests, i -> token), List.of(), List.of())));
      List<Mode> order = new ArrayList<>(modes.values());
      for (Mode m : order) {
        m.run.get(); // warm-up of everything, the TLS code paths included
      }
      for (int r = 0; r < rounds; r++) {
        for (int j = 0; j < order.size(); j++) {
          order.get((j + r) % order.size()).measure();
        }
      }
      System.out.println("# load average at end: " + loadAverage());
      System.out.printf("New connection per request: connect (+ handshake) + GET %s + close, %d workers, %d connections x %d rounds%n",
          HEALTH, workers, handshakes, rounds);
      System.out.println("  mode                                        conn/s  ratio   connect+handshake p50/p99 ms   whole request p50/p99 ms");
      Mode base = modes.get("http, new connection");
      for (String name : List.of("http, new connection", "https, new connection, full handshake", "https, new connection, resumed session")) {
        Mode m = modes.get(name);
        System.out.printf("  %-42s %7.0f  %5.2f   %6s / %-6s                %6s / %s%n", name, m.median(), m.median() / base.median(),
            Stats.f(Stats.percentile(m.connectMs, 50)), Stats.f(Stats.percentile(m.connectMs, 99)),
            Stats.f(Stats.percentile(m.totalMs, 50)), Stats.f(Stats.percentile(m.totalMs, 99)));
      }
      System.out.printf("Keep-alive: authenticated GET %s (reused token), %d connections, %d requests x %d rounds%n",
          APP, connections, requests, rounds);
      Mode plain = modes.get("http, keep-alive");
      for (String name : List.of("http, keep-alive", "https, keep-alive")) {
        Mode m = modes.get(name);
        System.out.printf("  %-42s %7.0f req/s  ratio %.2f   (rounds: %s)%n", name, m.median(), m.median() / plain.median(), m.rounds());
      }
    } finally {
      PagingBenchmark.deleteRecursively(dir);
    }
  }

  /** One mode's rounds: its rates, and the latencies of every connection of every round. */
  private static final class Mode {
    final Run run;
    final List<Double> rates = new ArrayList<>();
    final List<Double> connectMs = new ArrayList<>();
    final List<Double> totalMs = new ArrayList<>();

    Mode(Run run) {
      this.run = run;
    }

    void measure() throws Exception {
      Sample s = run.get();
      rates.add(s.perSecond());
      connectMs.addAll(s.connectMs());
      totalMs.addAll(s.totalMs());
    }

    double median() {
      return Stats.median(rates);
    }

    String rounds() {
      return String.join(", ", rates.stream().map(r -> String.format("%.0f", r)).toList());
    }
  }

  private interface Run {
    Sample get() throws Exception;
  }

  private record Sample(double perSecond, List<Double> connectMs, List<Double> totalMs) {}

  /**
   * {@code count} requests, each on its own connection, from {@code workers} threads. With {@code
   * forget} the client invalidates each TLS session after use, so the next connection cannot resume
   * it (invalidating also drops the TLS 1.3 tickets kept under it) and does a full handshake.
   */
  static Sample connectEach(RawHttpLoad load, byte[] request, int workers, int count, boolean forget) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long[] connect = new long[count];
    long[] total = new long[count];
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            try (Socket socket = load.open()) {
              connect[i] = System.nanoTime() - t0;
              socket.getOutputStream().write(request);
              socket.getOutputStream().flush();
              RawHttpLoad.readResponse(new BufferedInputStream(socket.getInputStream()), i, 200, false);
              total[i] = System.nanoTime() - t0;
              if (forget && socket instanceof SSLSocket tls) {
                tls.getSession().invalidate();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double perSecond = count / ((System.nanoTime() - start) / 1e9);
    return new Sample(perSecond, millis(connect), millis(total));
  }

  /** A client TLS context trusting only the PEM certificates given. */
  static SSLContext trusting(byte[] pem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int n = 0;
    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
      trust.setCertificateEntry("root-" + n++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static String describe(Certificate[] chain) {
    List<String> parts = new ArrayList<>();
    for (Certificate c : chain) {
      parts.add(c.getPublicKey().getAlgorithm() + " key, signed " + ((java.security.cert.X509Certificate) c).getSigAlgName());
    }
    return String.join(" <- ", parts);
  }

  private static List<Double> millis(long[] nanos) {
    List<Double> ms = new ArrayList<>(nanos.length);
    for (long n : nanos) {
      ms.add(Stats.ms(n));
    }
    return ms;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
