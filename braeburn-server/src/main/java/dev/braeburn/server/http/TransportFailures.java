package dev.braeburn.server.http;

/**
 * Where a transport reports a 5xx it answered itself, without the request reaching a {@link
 * RequestHandler} (the server journals it: no 5xx goes unrecorded).
 */
@FunctionalInterface
public interface TransportFailures {
  /** {@code cause} is null when the transport knows none. */
  void failed(String method, String path, String query, int status, Throwable cause);
}
