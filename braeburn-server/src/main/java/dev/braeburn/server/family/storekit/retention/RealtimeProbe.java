package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLException;

/**
 * Sends the performance test's requests to the realtime URL, at most {@code maxConcurrentRequests}
 * at a time, and classifies each answer with Apple's {@code SendAttemptResult} names: a 2xx whose body
 * is a JSON object ({@code RealtimeResponseBody}) is SUCCESS; no answer within
 * {@code responseTimeThreshold} is TIMED_OUT (server-api.md §1.7; the mapping is [INFER]).
 * Response times are measured on the wall clock: they are real latencies of your server.
 */
final class RealtimeProbe {
  /** One request's outcome: Apple's result name and the milliseconds until an answer (null without one). */
  record Attempt(String result, Long millis) {}

  private final ObjectMapper mapper;

  RealtimeProbe(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  List<Attempt> send(String url, List<byte[]> bodies, int concurrency, Duration threshold) {
    Semaphore slots = new Semaphore(Math.max(1, concurrency));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder().connectTimeout(threshold).followRedirects(HttpClient.Redirect.NEVER).build()) {
      List<Future<Attempt>> futures = new ArrayList<>();
      for (byte[] body : bodies) {
        futures.add(pool.submit(() -> {
          slots.acquire();
          try {
            return one(client, url, body, threshold);
          } finally {
            slots.release();
          }
        }));
      }
      List<Attempt> out = new ArrayList<>();
      for (Future<Attempt> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("performance test interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("performance test failed", e.getCause());
    }
  }

  private Attempt one(HttpClient client, String url, byte[] body, Duration threshold) throws InterruptedException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(threshold).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    } catch (IllegalArgumentException e) {
      return new Attempt("OTHER", null);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        return new Attempt("UNSUCCESSFUL_HTTP_RESPONSE_CODE", millis);
      }
      return new Attempt(isObject(response.body()) ? "SUCCESS" : "INVALID_RESPONSE", millis);
    } catch (HttpTimeoutException e) {
      return new Attempt("TIMED_OUT", null);
    } catch (SSLException e) {
      return new Attempt("TLS_ISSUE", null);
    } catch (ConnectException e) {
      return new Attempt("NO_RESPONSE", null);
    } catch (IOException e) {
      return new Attempt("SOCKET_ISSUE", null);
    }
  }

  private boolean isObject(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.isObject();
    } catch (IOException e) {
      return false;
    }
  }
}
