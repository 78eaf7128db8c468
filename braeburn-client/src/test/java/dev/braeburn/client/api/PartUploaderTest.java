package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The part sender against a real (JDK) HTTP server standing in for a blob store's pre-signed URLs. */
class PartUploaderTest {
  @TempDir Path dir;
  HttpServer blobStore;
  final Map<String, byte[]> received = new ConcurrentHashMap<>();
  final Map<String, String> contentTypes = new ConcurrentHashMap<>();
  final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    blobStore = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    blobStore.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        authorizations.add(auth);
      }
      AtomicInteger fail = failuresLeft.get(path);
      int status = path.startsWith("/gone") ? 403 : fail != null && fail.getAndDecrement() > 0 ? 503 : 200;
      if (status == 200 && exchange.getRequestMethod().equals("PUT")) {
        received.put(path, body);
        contentTypes.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      }
      byte[] answer = status == 403 ? "{\"errors\":[{\"status\":\"403\",\"code\":\"FORBIDDEN_ERROR\"}]}".getBytes() : new byte[0];
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    blobStore.start();
  }

  @AfterEach
  void stop() {
    blobStore.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + blobStore.getAddress().getPort() + path;
  }

  private PartUploader uploader(int parallelism) {
    return new PartUploader(HttpClient.newHttpClient(), RetryPolicy.of(3, Duration.ofSeconds(1), Duration.ofSeconds(5)).withJitter(() -> 1.0),
        waits::add, Clock.systemUTC(), Duration.ofSeconds(10), parallelism);
  }

  private Path file(int size) throws Exception {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) i;
    }
    return Files.write(dir.resolve("asset.bin"), bytes);
  }

  @Test
  void eachPartGetsItsSliceAndHeadersWithoutAuthorizationAndAFailingPartIsRetried() throws Exception {
    Path file = file(1000);
    failuresLeft.put("/p/2", new AtomicInteger(1));
    List<UploadOperation> ops = new ArrayList<>();
    for (int part = 0; part < 4; part++) {
      ops.add(new UploadOperation("PUT", url("/p/" + part), part * 300L, Math.min(300, 1000 - part * 300L),
          Map.of("Content-Type", "image/png", "Content-Length", "ignored")));
    }
    uploader(2).upload(ops, file);
    byte[] all = Files.readAllBytes(file);
    for (UploadOperation op : ops) {
      byte[] expected = java.util.Arrays.copyOfRange(all, (int) op.offset(), (int) op.end());
      assertThat(received.get(op.url().substring(op.url().indexOf("/p/")))).isEqualTo(expected);
    }
    assertThat(contentTypes.values()).containsOnly("image/png");
    assertThat(authorizations).as("pre-signed URLs get no JWT").isEmpty();
    assertThat(waits).as("the 503 was retried once").containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aPartRefusedForGoodIsAnApiErrorAndRetriesRunOut() throws Exception {
    Path file = file(10);
    ApiErrorException refused = catchThrowableOfType(ApiErrorException.class,
        () -> uploader(4).upload(List.of(new UploadOperation("PUT", url("/gone/1"), 0, 10, Map.of())), file));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("FORBIDDEN_ERROR");
    assertThat(waits).isEmpty();

    failuresLeft.put("/p/busy", new AtomicInteger(10));
    ApiErrorException busy = catchThrowableOfType(ApiErrorException.class,
        () -> uploader(1).upload(List.of(new UploadOperation("PUT", url("/p/busy"), 0, 10, Map.of())), file));
    assertThat(busy.status()).isEqualTo(503);
    assertThat(waits).hasSize(2);
  }

  @Test
  void theFirstPartRefusedStopsThePartsStillWaiting() throws Exception {
    Path file = file(30);
    List<UploadOperation> ops = List.of(new UploadOperation("PUT", url("/gone/1"), 0, 10, Map.of()),
        new UploadOperation("PUT", url("/p/2"), 10, 10, Map.of()), new UploadOperation("PUT", url("/p/3"), 20, 10, Map.of()));
    assertThat(catchThrowableOfType(ApiErrorException.class, () -> uploader(1).upload(ops, file)).status()).isEqualTo(403);
    assertThat(received).as("one part at a time: the others were still queued").isEmpty();
  }

  @Test
  void operationsBeyondTheFileAreRefusedBeforeAnythingIsSent() throws Exception {
    Path file = file(10);
    IllegalArgumentException wrong = catchThrowableOfType(IllegalArgumentException.class,
        () -> uploader(2).upload(List.of(new UploadOperation("PUT", url("/p/a"), 0, 5, Map.of()),
            new UploadOperation("PUT", url("/p/b"), 5, 6, Map.of())), file));
    assertThat(wrong).hasMessageContaining("does not fit");
    assertThat(received).isEmpty();
  }
}
