package dev.braeburn.server.http;

import java.util.Map;

/**
 * One HTTP request as the engine sees it, independent of the transport. {@code path} is the raw
 * (still percent-encoded) path, {@code query} the raw query string without the '?' (null when
 * absent); {@code baseUrl} is scheme://host[:port] as the client addressed us, used for absolute
 * links; header names are lower case.
 */
public record ApiRequest(
    String method,
    String path,
    String query,
    Map<String, String> headers,
    byte[] body,
    String baseUrl) {

  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  public boolean hasBody() {
    return body != null && body.length > 0;
  }
}
