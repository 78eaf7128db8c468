package dev.braeburn.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens by the SHA-256 of the token, until they expire. Apple recommends reusing a token
 * for many requests, and one ES256 verification costs ~0.3 ms — more than serving a typical GET —
 * so without this cache authentication would dominate every request. Holds hashes, not tokens.
 */
final class TokenCache {
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, VerifiedToken> entries = new ConcurrentHashMap<>();

  VerifiedToken get(String hash, Instant now) {
    VerifiedToken token = entries.get(hash);
    if (token != null && !token.expiresAt().isAfter(now)) {
      entries.remove(hash);
      return null;
    }
    return token;
  }

  void put(String hash, VerifiedToken token, Instant now) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(t -> !t.expiresAt().isAfter(now));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear(); // a flood of distinct live tokens: start over rather than grow without bound
      }
    }
    entries.put(hash, token);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
