package dev.braeburn.server.http.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers requests Jetty rejects before Braeburn sees them (malformed URIs, oversized headers)
 * with an Apple-format error document instead of Jetty's HTML page.
 */
final class AppleErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() < 400 ? 400 : response.getStatus();
    String code = switch (status) {
      case 404 -> "PATH_ERROR";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "ENTITY_TOO_LARGE";
      case 500, 502, 503 -> "UNEXPECTED_ERROR";
      default -> "PARAMETER_ERROR.INVALID";
    };
    String json = "{\"errors\":[{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"" + status + "\",\"code\":\"" + code
        + "\",\"title\":\"The request could not be processed\",\"detail\":\"The HTTP request was malformed or too large ("
        + status + ")\"}]}";
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
