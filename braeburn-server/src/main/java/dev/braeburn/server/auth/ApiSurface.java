package dev.braeburn.server.auth;

import dev.braeburn.server.store.ApiKey;
import java.util.Set;

/**
 * The Apple APIs a Braeburn key signs tokens for, and which key types each takes (server-api.md
 * §2.1, §5): App Store Connect takes team and individual API keys ({@code AuthKey_….p8}) and at most
 * 20 minutes; the App Store Server API takes In-App Purchase keys ({@code SubscriptionKey_….p8}), a
 * {@code bid} claim and at most 60 minutes; Sign in with Apple's REST endpoints take client secrets
 * signed by Sign in with Apple keys, at most 15777000 s (six months). A key of another type is
 * refused with {@link #keyTypeRefusal}, one rule for every surface.
 */
public enum ApiSurface {
  APP_STORE_CONNECT("App Store Connect", 1200, Set.of(ApiKey.TEAM, ApiKey.INDIVIDUAL),
      "team and individual API keys (AuthKey_<KEYID>.p8, Users and Access → Integrations → App Store Connect API)"),
  APP_STORE_SERVER("the App Store Server API", 3600, Set.of(ApiKey.IN_APP_PURCHASE),
      "In-App Purchase keys (SubscriptionKey_<KEYID>.p8: POST /_braeburn/keys {\"type\":\"IN_APP_PURCHASE\"}). Inferred: Apple documents"
          + " the In-App Purchase key for this API and has not recorded its answer to another key"),
  SIGN_IN_WITH_APPLE("Sign in with Apple", 15_777_000, Set.of(ApiKey.SIGN_IN_WITH_APPLE),
      "Sign in with Apple keys (AuthKey_<KEYID>.p8: POST /_braeburn/keys {\"type\":\"SIGN_IN_WITH_APPLE\"})");

  private final String title;
  private final long maxLifetimeSeconds;
  private final Set<String> keyTypes;
  private final String keysTaken;

  ApiSurface(String title, long maxLifetimeSeconds, Set<String> keyTypes, String keysTaken) {
    this.title = title;
    this.maxLifetimeSeconds = maxLifetimeSeconds;
    this.keyTypes = keyTypes;
    this.keysTaken = keysTaken;
  }

  public String title() {
    return title;
  }

  public long maxLifetimeSeconds() {
    return maxLifetimeSeconds;
  }

  /** Whether keys of {@code key}'s type sign this surface's tokens. */
  public boolean accepts(ApiKey key) {
    return keyTypes.contains(key.keyType());
  }

  /** Why {@code key} (of a type this surface does not take) is refused, and which key to use instead. */
  public String keyTypeRefusal(ApiKey key) {
    return "key " + key.keyId() + " is " + key.describe() + ", not " + title + " tokens; " + title + " takes " + keysTaken;
  }
}
