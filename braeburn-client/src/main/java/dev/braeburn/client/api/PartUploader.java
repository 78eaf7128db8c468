package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a file's parts as its upload operations say, a bounded number at a time. The URLs are
 * pre-signed, so no Authorization header goes with them (Apple's blob store would refuse a JWT it
 * cannot read). A part is retried on 429, 5xx and IOException: each part is a whole PUT of fixed
 * bytes, so sending it twice stores the same thing. The first part that fails for good stops the rest.
 */
final class PartUploader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers java.net.http sets itself and refuses from callers; the body sets Content-Length anyway. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpClient http;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration timeout;
  private final int parallelism;

  PartUploader(HttpClient http, RetryPolicy retry, Sleeper sleeper, Clock clock, Duration timeout, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("upload parallelism must be at least 1: " + parallelism);
    }
    this.http = http;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.timeout = timeout;
    this.parallelism = parallelism;
  }

  void upload(List<UploadOperation> operations, Path file) {
    if (operations.isEmpty()) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      for (UploadOperation op : operations) {
        if (op.end() > size || op.length() > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("the upload operation for bytes " + op.offset() + "–" + op.end() + " does not fit "
              + file + " (" + size + " bytes): is it the file the reservation was made for?");
        }
      }
      sendAll(operations, channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void sendAll(List<UploadOperation> operations, FileChannel channel) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, operations.size()), r -> {
      Thread t = new Thread(r, "braeburn-upload-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      ExecutorCompletionService<Void> parts = new ExecutorCompletionService<>(pool);
      // set by the part that fails, before its thread can take the next queued part: shutdownNow
      // below comes only after this thread has seen the failure, too late for the part just taken
      AtomicBoolean failed = new AtomicBoolean();
      for (UploadOperation op : operations) {
        parts.submit(() -> {
          if (failed.get()) {
            return null; // a part failed for good: the rest stay unsent
          }
          try {
            send(op, read(channel, op));
          } catch (Exception e) {
            failed.set(true);
            throw e;
          }
          return null;
        });
      }
      for (int done = 0; done < operations.size(); done++) {
        parts.take().get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while uploading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("an upload part failed", e.getCause());
    } finally {
      pool.shutdownNow(); // the first failure stops the parts still waiting and interrupts those in flight
      awaitStopped(pool);
    }
  }

  /** Returns once no part is in flight any more, so none is still sent (or reads the closed file) after upload returns. */
  private void awaitStopped(ExecutorService pool) {
    try {
      pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] read(FileChannel channel, UploadOperation op) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) op.length());
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, op.offset() + buffer.position()) < 0) {
        throw new IOException("the file ended before byte " + op.end());
      }
    }
    return buffer.array();
  }

  private void send(UploadOperation op, byte[] bytes) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request(op, bytes), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (retry.mayRetry(attempt)) {
          sleeper.sleep(retry.delay(attempt, Optional.empty()));
          continue;
        }
        throw new UncheckedIOException(op.method() + " " + op.url() + " failed after " + attempt + " attempt(s)", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return;
      }
      if (RetryPolicy.retryableStatus(status) && retry.mayRetry(attempt)) {
        sleeper.sleep(retry.delay(attempt, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())));
        continue;
      }
      throw new ApiErrorException(op.method(), op.url(), status, jsonOrNull(response.body()), response.body(),
          response.headers().firstValue("X-Braeburn-Diagnosis").orElse(null));
    }
  }

  private HttpRequest request(UploadOperation op, byte[] bytes) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(op.url())).timeout(timeout)
        .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
    op.requestHeaders().forEach((name, value) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        b.header(name, value);
      }
    });
    return b.build();
  }

  private static JsonNode jsonOrNull(String body) {
    try {
      return body == null || body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
