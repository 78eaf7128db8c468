package dev.braeburn.server.http.jetty;

import dev.braeburn.server.http.TransportFailures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers requests Jetty rejects before Braeburn sees them (a request line its parser cannot take:
 * bad percent-escapes such as {@code %zz}, an encoded NUL, a path above the root, a URI beyond the
 * header buffer → 414, oversized headers → 431) with an Apple-format error document instead of
 * Jetty's HTML page. Jetty cannot read the next request of such a connection and closes it; the
 * answer says so with {@code Connection: close} (RFC 9112 §9.6), so a keep-alive client opens a new
 * connection instead of failing its next request. A 5xx (an exception that escaped) is reported to
 * {@link TransportFailures}, so the journal shows it too.
 */
final class AppleErrorHandler extends ErrorHandler {
  private final TransportFailures failures;

  AppleErrorHandler(TransportFailures failures) {
    this.failures = failures;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() < 400 ? 400 : response.getStatus();
    if (status >= 500) {
      HttpURI uri = request.getHttpURI();
      failures.failed(request.getMethod(), uri == null ? null : uri.getPath(), uri == null ? null : uri.getQuery(), status,
          request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(body(status)), callback);
    return true;
  }

  /** Apple's error document for a request refused by the transport with {@code status}. */
  static byte[] body(int status) {
    String code = switch (status) {
      case 404 -> "PATH_ERROR";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "ENTITY_TOO_LARGE";
      case 500, 502, 503 -> "UNEXPECTED_ERROR";
      default -> "PARAMETER_ERROR.INVALID";
    };
    String title = status >= 500 ? "An unexpected error occurred." : "The request could not be processed";
    String detail = status >= 500 ? "An unexpected error occurred on the server side."
        : "The HTTP request was malformed or too large (" + status + ")";
    String json = "{\"errors\":[{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"" + status + "\",\"code\":\"" + code
        + "\",\"title\":\"" + title + "\",\"detail\":\"" + detail + "\"}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
