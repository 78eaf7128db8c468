package dev.braeburn.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launch to first 200: starts {@code java -jar braeburn.jar serve --port 0 --data <dir>} in a
 * separate JVM, reads the port from the banner and polls {@code GET /_braeburn/health} every 10 ms
 * until 200, then times the first authenticated {@code GET /v1/apps}. Runs N first starts (empty
 * data directory each time) and N restarts (an existing data directory). The process is stopped
 * after each launch.
 *
 * <p>Arguments: {@code --jar braeburn-cli/target/braeburn.jar --runs 5}.
 */
public final class LaunchBenchmark {
  private static final Pattern PORT = Pattern.compile("serving the App Store Connect API at http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern ISSUER = Pattern.compile("Issuer ID:\\s+(\\S+)");
  private static final Pattern KEY = Pattern.compile("Key ID:\\s+(\\S+)");

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    int runs = PagingBenchmark.intArg(args, "--runs", 5);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; run ./mvnw install -DskipTests first");
    }
    // warm the benchmark JVM's own HTTP client and ES256 signer so they are not billed to the server
    Launch warm = launch(jar, Files.createTempDirectory("braeburn-launch"), null);
    PagingBenchmark.deleteRecursively(warm.dir);

    List<Launch> first = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Launch l = launch(jar, Files.createTempDirectory("braeburn-launch"), null);
      System.out.printf("first start %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", i + 1,
          Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
      first.add(l);
      if (i > 0) {
        PagingBenchmark.deleteRecursively(l.dir);
      }
    }
    Launch prepared = first.getFirst();
    List<Launch> restarts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Launch l = launch(jar, prepared.dir, prepared);
      System.out.printf("restart %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", i + 1,
          Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
      restarts.add(l);
    }
    PagingBenchmark.deleteRecursively(prepared.dir);

    System.out.println();
    System.out.printf("## Launch to first 200 (separate JVM, java -jar %s serve --port 0), median of %d%n", jar.getFileName(), runs);
    System.out.println("| launch | banner printed ms | GET /_braeburn/health 200 ms | GET /v1/apps 200 (JWT) ms | target | verdict |");
    System.out.println("|---|---:|---:|---:|---|---|");
    row("first start (empty data dir)", first);
    row("restart (existing data dir)", restarts);
  }

  private static void row(String name, List<Launch> ls) {
    double banner = Stats.median(ls.stream().map(l -> l.bannerMs).toList());
    double health = Stats.median(ls.stream().map(l -> l.healthMs).toList());
    double apps = Stats.median(ls.stream().map(l -> l.appsMs).toList());
    double maxApps = Stats.max(ls.stream().map(l -> l.appsMs).toList());
    System.out.printf("| %s | %s | %s | %s (max %s) | <= 1500 | %s |%n", name, Stats.f(banner), Stats.f(health), Stats.f(apps),
        Stats.f(maxApps), health <= 1500 && apps <= 1500 ? "met" : "MISSED");
  }

  record Launch(Path dir, String issuerId, String keyId, double bannerMs, double healthMs, double appsMs) {}

  /** One launch; {@code previous} carries the issuer and key of an existing data directory. */
  static Launch launch(Path jar, Path dir, Launch previous) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve",
        "--host", "127.0.0.1", "--port", "0", "--data", dir.toString()).redirectErrorStream(true);
    // a restart's token can be minted before launch: the key is already on disk
    String preToken = previous == null ? null : Client.token(previous.keyId, previous.issuerId, key(dir, previous.keyId));
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      CompletableFuture<Integer> port = new CompletableFuture<>();
      CompletableFuture<String> issuer = new CompletableFuture<>();
      CompletableFuture<String> keyId = new CompletableFuture<>();
      StringBuilder output = new StringBuilder();
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (output) {
              output.append(line).append('\n');
            }
            Matcher m = PORT.matcher(line);
            if (m.find()) {
              port.complete(Integer.parseInt(m.group(1)));
            }
            if ((m = ISSUER.matcher(line)).find()) {
              issuer.complete(m.group(1));
            }
            if ((m = KEY.matcher(line)).find()) {
              keyId.complete(m.group(1));
            }
            if (line.contains("admin API:")) {
              issuer.complete(null);
              keyId.complete(null);
            }
          }
        } catch (Exception ignored) {
          // process ended
        }
        port.completeExceptionally(new IllegalStateException("server exited before printing its port"));
        issuer.complete(null);
        keyId.complete(null);
      });
      int serverPort;
      try {
        serverPort = port.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        synchronized (output) {
          throw new IllegalStateException("no banner; output:\n" + output, e);
        }
      }
      double bannerMs = Stats.ms(System.nanoTime() - t0);
      Client client = new Client("http://127.0.0.1:" + serverPort);
      double healthMs = -1;
      while (true) {
        try {
          if (client.get("/_braeburn/health", null).status() == 200) {
            healthMs = Stats.ms(System.nanoTime() - t0);
            break;
          }
        } catch (Exception notYet) {
          // connection refused: poll again
        }
        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("health never returned 200");
        }
        Thread.sleep(10);
      }
      String issuerId = previous != null ? previous.issuerId : issuer.get(10, TimeUnit.SECONDS);
      String kid = previous != null ? previous.keyId : keyId.get(10, TimeUnit.SECONDS);
      if (issuerId == null || kid == null) {
        throw new IllegalStateException("banner printed no Issuer ID / Key ID:\n" + output);
      }
      String token = preToken != null ? preToken : Client.token(kid, issuerId, key(dir, kid));
      double appsMs;
      while (true) {
        Client.Reply r = client.get("/v1/apps", token);
        if (r.status() == 200) {
          appsMs = Stats.ms(System.nanoTime() - t0);
          break;
        }
        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("GET /v1/apps never returned 200; last " + r.status() + ": " + Client.abbreviate(r.body()));
        }
        Thread.sleep(10);
      }
      return new Launch(dir, issuerId, kid, bannerMs, healthMs, appsMs);
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static ECPrivateKey key(Path dir, String keyId) throws Exception {
    return Client.privateKey(Files.readString(dir.resolve("AuthKey_" + keyId + ".p8")));
  }

  static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
