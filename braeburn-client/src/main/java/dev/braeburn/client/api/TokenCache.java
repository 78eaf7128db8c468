package dev.braeburn.client.api;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.TokenBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token reused while it has more than {@link #RENEW_BEFORE} left: minting is cheap, but Apple
 * recommends reuse, and a token that expires mid-flight is a 401 the caller did not cause.
 * Thread-safe.
 */
final class TokenCache {
  /** Renew this long before expiry, so clock skew and slow requests do not meet an expired token. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

  private final ApiKeyFile key;
  private final Clock clock;
  private final Duration lifetime;
  private String token;
  private Instant expires = Instant.MIN;

  TokenCache(ApiKeyFile key, Clock clock, Duration lifetime) {
    this.key = key;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  synchronized String token() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expires.minus(RENEW_BEFORE))) {
      Instant issued = Instant.ofEpochSecond(now.getEpochSecond());
      token = key.token().issuedAt(issued).lifetime(lifetime).build();
      expires = issued.plus(lifetime);
    }
    return token;
  }

  /** Forgets the token, e.g. after a 401, so the next request mints a fresh one. */
  synchronized void invalidate() {
    token = null;
  }

  static Duration defaultLifetime() {
    return TokenBuilder.DEFAULT_LIFETIME;
  }
}
