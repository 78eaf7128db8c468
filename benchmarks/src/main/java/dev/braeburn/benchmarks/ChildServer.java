package dev.braeburn.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Braeburn server in a separate JVM ({@code java -jar braeburn.jar serve --port 0 --data DIR …}),
 * started the way {@link LaunchBenchmark} times it: the clock starts just before {@code
 * ProcessBuilder.start()}, the port comes from the banner, {@code GET /_braeburn/health} is polled
 * every 10 ms until 200, then one authenticated {@code GET /v1/apps} must return 200. Its resident
 * memory is read from {@code /proc/<pid>/status}.
 */
final class ChildServer implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("serving the App Store Connect API at http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern ISSUER = Pattern.compile("Issuer ID:\\s+(\\S+)");
  private static final Pattern KEY = Pattern.compile("Key ID:\\s+(\\S+)");

  final Process process;
  final Path dir;
  final int port;
  final String issuerId;
  final String keyId;
  final double bannerMs;
  final double healthMs;
  final double appsMs;
  private final Deque<String> output;

  private ChildServer(Process process, Path dir, int port, String issuerId, String keyId, double bannerMs, double healthMs, double appsMs,
      Deque<String> output) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.issuerId = issuerId;
    this.keyId = keyId;
    this.bannerMs = bannerMs;
    this.healthMs = healthMs;
    this.appsMs = appsMs;
    this.output = output;
  }

  /**
   * Starts {@code jar serve --host 127.0.0.1 --port 0 --data dir} plus {@code extraArgs}. {@code
   * previousIssuer}/{@code previousKey} name the key of an existing data directory (a restart: its
   * token is minted before launch); null on a first start, where the banner prints them.
   */
  static ChildServer start(Path jar, Path dir, List<String> extraArgs, String previousIssuer, String previousKey) throws Exception {
    return start(jar, dir, List.of(), extraArgs, previousIssuer, previousKey);
  }

  /** As above, with extra options for the server's JVM (e.g. a JFR recording); none for measured runs. */
  static ChildServer start(Path jar, Path dir, List<String> jvmArgs, List<String> extraArgs, String previousIssuer, String previousKey)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "serve"));
    return start(command, Map.of(), dir, extraArgs, previousIssuer, previousKey);
  }

  /**
   * As above, through the {@code braeburn} launcher script ({@code launcher serve …}) with {@code env}
   * added to its environment: what a user runs, startup cache included. The launcher ends in {@code
   * exec java}, so the process started is the server's JVM.
   */
  static ChildServer startWithLauncher(Path launcher, Map<String, String> env, Path dir, String previousIssuer, String previousKey)
      throws Exception {
    return start(List.of(launcher.toString(), "serve"), env, dir, List.of(), previousIssuer, previousKey);
  }

  private static ChildServer start(List<String> serve, Map<String, String> env, Path dir, List<String> extraArgs, String previousIssuer,
      String previousKey) throws Exception {
    List<String> command = new ArrayList<>(serve);
    command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--data", dir.toString()));
    command.addAll(extraArgs);
    // run in the data directory, so that whatever the JVM may write to its working directory (hs_err files) goes there
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    // a restart's token can be minted before launch: the key is already on disk
    String preToken = previousIssuer == null ? null : Client.token(previousKey, previousIssuer, key(dir, previousKey));
    long t0 = System.nanoTime();
    Process p = pb.start();
    Deque<String> output = new ArrayDeque<>();
    boolean started = false;
    try {
      CompletableFuture<Integer> port = new CompletableFuture<>();
      CompletableFuture<String> issuer = new CompletableFuture<>();
      CompletableFuture<String> keyId = new CompletableFuture<>();
      // drains the child's output for its whole life (a full pipe would block it); keeps the tail for errors
      Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (output) {
              output.addLast(line);
              if (output.size() > 200) {
                output.removeFirst();
              }
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
        serverPort = port.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("no banner; output:\n" + tail(output), e);
      }
      double bannerMs = Stats.ms(System.nanoTime() - t0);
      Client client = new Client("http://127.0.0.1:" + serverPort);
      double healthMs;
      while (true) {
        try {
          if (client.get("/_braeburn/health", null).status() == 200) {
            healthMs = Stats.ms(System.nanoTime() - t0);
            break;
          }
        } catch (Exception notYet) {
          // connection refused: poll again
        }
        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
          throw new IllegalStateException("health never returned 200");
        }
        Thread.sleep(10);
      }
      String issuerId = previousIssuer != null ? previousIssuer : issuer.get(10, TimeUnit.SECONDS);
      String kid = previousKey != null ? previousKey : keyId.get(10, TimeUnit.SECONDS);
      if (issuerId == null || kid == null) {
        throw new IllegalStateException("banner printed no Issuer ID / Key ID:\n" + tail(output));
      }
      String token = preToken != null ? preToken : Client.token(kid, issuerId, key(dir, kid));
      double appsMs;
      while (true) {
        Client.Reply r = client.get("/v1/apps", token);
        if (r.status() == 200) {
          appsMs = Stats.ms(System.nanoTime() - t0);
          break;
        }
        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
          throw new IllegalStateException("GET /v1/apps never returned 200; last " + r.status() + ": " + Client.abbreviate(r.body()));
        }
        Thread.sleep(10);
      }
      started = true;
      return new ChildServer(p, dir, serverPort, issuerId, kid, bannerMs, healthMs, appsMs, output);
    } finally {
      if (!started) {
        stop(p);
      }
    }
  }

  static ECPrivateKey key(Path dir, String keyId) throws Exception {
    return Client.privateKey(Files.readString(dir.resolve("AuthKey_" + keyId + ".p8")));
  }

  ECPrivateKey key() throws Exception {
    return key(dir, keyId);
  }

  String adminToken() throws Exception {
    return Files.readString(dir.resolve("admin-token")).trim();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** VmRSS of the server JVM in KiB (resident now). */
  long rssKiB() {
    return procStatus(pid(), "VmRSS:");
  }

  /** VmHWM of the server JVM in KiB (the resident peak so far). */
  long peakRssKiB() {
    return procStatus(pid(), "VmHWM:");
  }

  static long procStatus(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (Exception e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /**
   * Runs {@code jcmd <pid> <command…>} (e.g. GC.run: a full collection in the child, which lets G1
   * give unused heap back) and returns its output. Bounded to 60 s.
   */
  String jcmd(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid())));
    cmd.addAll(List.of(command));
    Process j = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = j.getInputStream().readAllBytes();
    if (!j.waitFor(60, TimeUnit.SECONDS)) {
      j.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  String tail() {
    return tail(output);
  }

  private static String tail(Deque<String> output) {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    stop(process);
  }
}
