package dev.braeburn.server.family;

/**
 * A family of real behaviour (uploads and builds, TestFlight, webhooks, review …) plugged into the
 * engine at start: it registers handlers for the operations it owns (the rest stay generic), kinds
 * of scheduled work, and the few non-API routes it serves (upload URLs, image URLs).
 */
public interface Family {
  void install(FamilyContext context);

  /** The family's admin routes by first path segment under {@code /_braeburn/}; none by default. */
  default java.util.Map<String, dev.braeburn.server.http.RequestHandler> adminRoutes() {
    return java.util.Map.of();
  }
}
