package dev.braeburn.server.http.jetty;

import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.Delivery;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The two faults only a transport can make (docs/faults.md): a dropped connection (closed before
 * any byte of an answer) and a truncated answer (status and headers with the whole body's {@code
 * Content-Length}, half the body, then the connection closes). Both end the connection itself, so
 * the client sees exactly what a network failure shows it.
 */
final class InjectedNetworkFaults {
  private InjectedNetworkFaults() {}

  static void deliver(ApiResponse apiResponse, Response response, Callback callback) {
    EndPoint endPoint = response.getRequest().getConnectionMetaData().getConnection().getEndPoint();
    if (apiResponse.delivery() == Delivery.DROP) {
      endPoint.close();
      callback.succeeded(); // nothing more to do for this exchange: the connection is gone
      return;
    }
    byte[] body = apiResponse.body();
    response.setStatus(apiResponse.status());
    apiResponse.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
    ByteBuffer half = ByteBuffer.wrap(body, 0, body.length / 2);
    response.write(false, half, Callback.from(() -> {
      endPoint.close();
      callback.succeeded();
    }, failure -> {
      endPoint.close();
      callback.succeeded();
    }));
  }
}
