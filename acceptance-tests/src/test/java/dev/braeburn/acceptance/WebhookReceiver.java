package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A webhook receiver on 127.0.0.1:0, shared by the suites that check notifications: it records
 * every request (method, path, headers, raw body bytes) in arrival order and answers {@link
 * #status} with body "ok". Deliveries are recorded before the clock advance that ran them returns,
 * so {@link #next()} rarely waits.
 */
final class WebhookReceiver implements AutoCloseable {
  final AtomicInteger status = new AtomicInteger(200);
  /** When set, each request is recorded and then not answered until this opens (a receiver that hangs). */
  volatile java.util.concurrent.CountDownLatch holdAnswers;
  private final LinkedBlockingQueue<Received> unread = new LinkedBlockingQueue<>();
  private final List<Received> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private final HttpServer http;
  private final String scheme;

  WebhookReceiver() throws IOException {
    this(null, null);
  }

  /**
   * Over https with {@code tls}'s key and certificate (null: plain http), offering only {@code
   * protocols} when given (e.g. {@code TLSv1.1}, for a receiver below Apple's TLS 1.2).
   */
  WebhookReceiver(SSLContext tls, String[] protocols) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      http = HttpServer.create(loopback, 0);
      http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a held request blocks no other
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters p = tls.getDefaultSSLParameters();
          if (protocols != null) {
            p.setProtocols(protocols);
          }
          params.setSSLParameters(p);
        }
      });
      http = https;
      scheme = "https";
    }
    http.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
      synchronized (all) { // arrival order is the same in both views
        all.add(r);
        unread.add(r);
      }
      java.util.concurrent.CountDownLatch hold = holdAnswers;
      if (hold != null) {
        try {
          hold.await(60, TimeUnit.SECONDS); // bounded, so a failing test cannot hang the receiver forever
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    http.start();
  }

  String url() {
    return scheme + "://127.0.0.1:" + http.getAddress().getPort() + "/hook";
  }

  /** The next request not yet taken, waiting at most 10 s. */
  Received next() {
    try {
      Received r = unread.poll(10, TimeUnit.SECONDS);
      assertThat(r).as("a notification within 10 s").isNotNull();
      return r;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean nothingMore() {
    return unread.isEmpty();
  }

  /** Every request received so far, in arrival order (whether taken by {@link #next()} or not). */
  List<Received> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** The received notifications whose {@code data.type} is {@code payloadType}, in arrival order. */
  List<JsonNode> of(String payloadType) {
    return all().stream().map(Received::json).filter(n -> payloadType.equals(n.at("/data/type").asText())).toList();
  }

  int count() {
    return all.size();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  /** {@code POST /v1/webhooks} for {@code app}, enabled, named "Receiver". */
  static String createBody(String app, String url, String secret, String... eventTypes) {
    StringBuilder types = new StringBuilder();
    for (String t : eventTypes) {
      types.append(types.isEmpty() ? "" : ",").append('"').append(t).append('"');
    }
    return "{\"data\":{\"type\":\"webhooks\",\"attributes\":{\"name\":\"Receiver\",\"enabled\":true,\"url\":\"" + url + "\",\"secret\":\""
        + secret + "\",\"eventTypes\":[" + types + "]},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}}}}";
  }

  /** One request as the receiver got it; {@code bytes} are the raw body. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] bytes) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return TestServer.JSON.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body(), e);
      }
    }

    /** What a receiver does (reports-webhooks.md §4.4): HMAC-SHA256 of the raw body bytes, keyed with the secret. */
    boolean signatureValidFor(String secret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "hmacsha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
        return expected.equals(header("x-apple-signature"));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
