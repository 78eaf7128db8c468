package dev.braeburn.server.family.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Sends one notification: {@code POST} of the payload bytes with {@code Content-Type:
 * application/json} (and, for App Store Connect webhooks, Apple's signature header; App Store
 * Server Notifications carry their proof inside the signed payload), redirects not followed, connect and whole-request
 * timeouts of {@value #TIMEOUT_SECONDS} s (Apple documents none; a receiver should answer quickly).
 * Only the first {@value #MAX_BODY_BYTES} bytes of a response body are kept for the delivery log.
 *
 * <p>https receivers: TLS 1.2 or 1.3 only, whatever the JVM allows (Apple requires TLS 1.2 or later
 * of notification URLs, server-api.md "Server Notifications V2"); certificates must chain to the
 * JDK's trust or to {@link ReceiverTrust}'s extra file and name the URL's host. A failed handshake
 * is a {@link Failure#TLS} ({@code TLS_ISSUE} for the App Store Server API).
 */
public class HttpPoster {
  static final int TIMEOUT_SECONDS = 10;
  static final int MAX_BODY_BYTES = 4096;
  static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** null: the JDK's default trust. */
  private final SSLContext tls;

  /** Receivers trusted as the JDK trusts them. */
  public HttpPoster() {
    this(null);
  }

  /** Receivers trusted as {@code tls} trusts them (null: the JDK's default). */
  public HttpPoster(SSLContext tls) {
    this.tls = tls;
  }

  /**
   * Built on the first delivery, not at start: building an HttpClient loads the default SSLContext
   * (the trust store) and starts a selector thread, which took about 5 % of a server's launch.
   */
  private volatile HttpClient client;

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          HttpClient.Builder builder = HttpClient.newBuilder();
          if (tls != null) {
            builder.sslContext(tls);
          }
          c = builder.sslParameters(new SSLParameters(null, TLS_PROTOCOLS))
              .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
          client = c;
        }
      }
    }
    return c;
  }

  /** The HttpClient may hand the handshake's SSLException on as the cause of another IOException. */
  private static boolean tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String message(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The result of one attempt: an HTTP status and body, or an error before any response arrived. */
  public record Outcome(Integer status, String body, String error, Failure failure) {
    public boolean succeeded() {
      return status != null && status >= 200 && status < 300;
    }

    static Outcome notSent(String error) {
      return new Outcome(null, null, error, Failure.NOT_SENT);
    }

    static Outcome failed(Failure failure, String error) {
      return new Outcome(null, null, error, failure);
    }

    public String errorMessage() {
      if (error != null) {
        return error;
      }
      return succeeded() ? null : "The endpoint responded with HTTP status " + status + "; a 2xx status is expected";
    }
  }

  /** Why no response arrived: the caller names it in its own vocabulary (a webhook's errorMessage, Apple's sendAttemptResult). */
  public enum Failure { NOT_SENT, CONNECT_TIMED_OUT, TIMED_OUT, TLS, CONNECTION }

  Outcome post(String url, byte[] body, String signature) {
    return post(url, body, Signature.HEADER, signature);
  }

  /** A POST without a signature header. */
  public Outcome post(String url, byte[] body) {
    return post(url, body, null, null);
  }

  private Outcome post(String url, byte[] body, String headerName, String headerValue) {
    HttpRequest request;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (headerName != null) {
        builder.header(headerName, headerValue);
      }
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return Outcome.notSent("The URL '" + url + "' can not be used: " + e.getMessage());
    }
    try {
      HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] head = in.readNBytes(MAX_BODY_BYTES);
        return new Outcome(response.statusCode(), new String(head, StandardCharsets.UTF_8), null, null);
      }
    } catch (HttpConnectTimeoutException e) {
      return Outcome.failed(Failure.CONNECT_TIMED_OUT, "Could not connect to " + request.uri().getHost() + " within " + TIMEOUT_SECONDS + " seconds");
    } catch (HttpTimeoutException e) {
      return Outcome.failed(Failure.TIMED_OUT, "No response within " + TIMEOUT_SECONDS + " seconds");
    } catch (IOException e) {
      if (tlsFailure(e)) {
        return Outcome.failed(Failure.TLS, "Could not deliver to " + request.uri().getHost() + ": TLS handshake failed: " + message(e)
            + " (a local receiver's certificate is trusted with serve --trust-receivers FILE.pem; TLS 1.2 or later)");
      }
      return Outcome.failed(Failure.CONNECTION, "Could not deliver to " + request.uri().getHost() + ": " + message(e));
    } catch (InterruptedException e) {
      // the server is stopping: not the receiver's failure; the task stays and runs again
      Thread.currentThread().interrupt();
      throw new IllegalStateException("webhook delivery interrupted", e);
    }
  }
}
