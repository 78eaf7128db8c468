package dev.braeburn.server.family;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes outside Apple's API and outside the admin API, served without a JWT — as Apple serves
 * upload URLs (its blob store) and image template URLs (its CDN) from other hosts. Each family
 * owns a prefix such as {@code /_uploads/} or {@code /_assets/}; the URL itself is the credential.
 */
public final class PublicRoutes {
  private final Map<String, RequestHandler> byPrefix = new ConcurrentHashMap<>();

  /** {@code prefix} starts and ends with "/" and must not be "/v1/"-like or "/_braeburn/". */
  public void register(String prefix, RequestHandler handler) {
    if (!prefix.startsWith("/_") || !prefix.endsWith("/") || prefix.equals("/_braeburn/")) {
      throw new IllegalArgumentException("a public route prefix looks like /_name/: " + prefix);
    }
    if (byPrefix.putIfAbsent(prefix, handler) != null) {
      throw new IllegalArgumentException("prefix already taken: " + prefix);
    }
  }

  /** The answer of the route owning the request's path, if one does. */
  public Optional<ApiResponse> handle(ApiRequest request) {
    if (!request.path().startsWith("/_")) {
      return Optional.empty(); // every API path: no lookup
    }
    for (Map.Entry<String, RequestHandler> route : byPrefix.entrySet()) {
      if (request.path().startsWith(route.getKey())) {
        return Optional.of(route.getValue().handle(request));
      }
    }
    return Optional.empty();
  }
}
