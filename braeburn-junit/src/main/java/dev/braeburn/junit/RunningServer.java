package dev.braeburn.junit;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import dev.braeburn.server.snapshot.CapturedState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * A server started for a test class (or a suite) and what resets it: the whole-server state captured
 * right after start (on SQLite a copy of the database file, elsewhere rows in memory). Whole-server rather than the team's because only that kind carries the
 * virtual clock, so a test that advanced time leaves the next one at the original instant.
 * JUnit closes it when the class's (or the run's) extension store is closed.
 */
final class RunningServer implements AutoCloseable {
  private final BraeburnServer server;
  private final Path dataDir;
  private final URI baseUrl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final CapturedState initialState;
  /** Time spent in resets so far, for measuring what a class pays (ClassOverheadTest). */
  private final java.util.concurrent.atomic.LongAdder resetNanos = new java.util.concurrent.atomic.LongAdder();
  /** Held from a test's reset to its end; only contended on a shared server run in parallel against advice. */
  private final Semaphore inUse = new Semaphore(1, true);

  private RunningServer(BraeburnServer server, Path dataDir, boolean frozenClock) {
    this.server = server;
    this.dataDir = dataDir;
    this.baseUrl = URI.create("http://127.0.0.1:" + server.port());
    if (frozenClock) {
      admin("POST", "/_braeburn/clock/freeze", null);
    }
    this.initialState = server.snapshots().capture();
  }

  static RunningServer start(Braeburn settings) throws Exception {
    Path dir = Files.createTempDirectory("braeburn-junit");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true)
        .withSeed(settings.seed().isEmpty() ? null : settings.seed()).withHourlyLimit(settings.hourlyLimit());
    if (!"sqlite".equals(settings.store())) {
      config = config.withStore(settings.store(), settings.storeUrl());
    }
    BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    try {
      return new RunningServer(server, dir, settings.frozenClock());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Waits until no other test uses the server, then puts back the state (and time) it had after start. */
  void acquireAndReset() throws InterruptedException {
    inUse.acquire();
    try {
      restoreInitialState();
    } catch (RuntimeException e) {
      inUse.release();
      throw e;
    }
  }

  /** The reset itself: on SQLite a copy of the database written back, elsewhere the captured rows (Snapshots#restore). */
  void restoreInitialState() {
    long start = System.nanoTime();
    server.snapshots().restore(initialState);
    resetNanos.add(System.nanoTime() - start);
  }

  java.time.Duration resetTime() {
    return java.time.Duration.ofNanos(resetNanos.sum());
  }

  void release() {
    inUse.release();
  }

  BraeburnServer server() {
    return server;
  }

  URI baseUrl() {
    return baseUrl;
  }

  /** HTTP/1.1 to the server, for the extension's own calls and the clients it hands out; closed with the server. */
  HttpClient http() {
    return http;
  }

  /** An admin API call with the server's admin token; the answer's body, or an exception for a status of 300 or more. */
  byte[] admin(String method, String path, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
        .header("Authorization", "Bearer " + server.adminToken())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      initialState.close(); // deletes the database copy
      server.close();
    } finally {
      http.close();
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
