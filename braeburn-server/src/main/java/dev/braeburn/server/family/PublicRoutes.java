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

  /**
   * Apple's other APIs served on the same port, by their own path prefix, which never meets App
   * Store Connect's {@code /v1/}: the App Store Server API ({@code /inApps/}) and Sign in with
   * Apple's ({@code /auth/}). They authenticate themselves.
   */
  public static final java.util.Set<String> APPLE_PREFIXES = java.util.Set.of("/inApps/", "/auth/");

  /** Registers the handler of one of {@link #APPLE_PREFIXES}. */
  public void registerApple(String prefix, RequestHandler handler) {
    if (!APPLE_PREFIXES.contains(prefix)) {
      throw new IllegalArgumentException("not one of Apple's other API prefixes " + APPLE_PREFIXES + ": " + prefix);
    }
    if (byPrefix.putIfAbsent(prefix, handler) != null) {
      throw new IllegalArgumentException("prefix already taken: " + prefix);
    }
  }

  /** The answer of the route owning the request's path, if one does. */
  public Optional<ApiResponse> handle(ApiRequest request) {
    String path = request.path();
    if (!path.startsWith("/_") && !path.startsWith("/inApps/") && !path.startsWith("/auth/")) {
      return Optional.empty(); // every App Store Connect API path: no lookup
    }
    for (Map.Entry<String, RequestHandler> route : byPrefix.entrySet()) {
      if (request.path().startsWith(route.getKey())) {
        return Optional.of(route.getValue().handle(request));
      }
    }
    return Optional.empty();
  }
}
