package dev.braeburn.server.auth;

/**
 * The two Apple APIs a Braeburn key signs tokens for. Both take ES256 JWTs with
 * {@code aud: appstoreconnect-v1}; they differ in the key that may sign them and the lifetime
 * (server-api.md §2.1): App Store Connect takes team and individual API keys ({@code AuthKey_….p8})
 * and at most 20 minutes, the App Store Server API takes In-App Purchase keys
 * ({@code SubscriptionKey_….p8}), a {@code bid} claim and at most 60 minutes.
 */
public enum ApiSurface {
  APP_STORE_CONNECT("App Store Connect", 1200),
  APP_STORE_SERVER("the App Store Server API", 3600);

  private final String title;
  private final long maxLifetimeSeconds;

  ApiSurface(String title, long maxLifetimeSeconds) {
    this.title = title;
    this.maxLifetimeSeconds = maxLifetimeSeconds;
  }

  public String title() {
    return title;
  }

  public long maxLifetimeSeconds() {
    return maxLifetimeSeconds;
  }
}
