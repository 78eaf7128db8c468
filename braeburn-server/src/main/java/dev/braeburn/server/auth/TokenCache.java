package dev.braeburn.server.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens, by the token itself, until they expire. Apple recommends reusing a token for
 * many requests, and one ES256 verification costs ~0.3 ms — more than serving a typical GET — so
 * without this cache authentication would dominate every request. Keyed by the token rather than a
 * digest of it: hashing every request's token cost ~5 % of a cached GET (benchmarks §4), and the
 * same bytes sit in every request's headers anyway; an entry goes when its token expires (at most
 * 20 minutes for team keys).
 */
final class TokenCache {
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, VerifiedToken> entries = new ConcurrentHashMap<>();

  VerifiedToken get(String key, Instant now) {
    VerifiedToken token = entries.get(key);
    if (token != null && !token.expiresAt().isAfter(now)) {
      entries.remove(key);
      return null;
    }
    return token;
  }

  void put(String key, VerifiedToken token, Instant now) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(t -> !t.expiresAt().isAfter(now));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear(); // a flood of distinct live tokens: start over rather than grow without bound
      }
    }
    entries.put(key, token);
  }

}
