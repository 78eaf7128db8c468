package dev.braeburn.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys and teams as the request path needs them, in memory: every authenticated request asks
 * whether its key is still live and whether its team's agreements are in effect, and those answers
 * must not cost a database round trip. Whoever changes keys or teams calls {@link #invalidate}, so
 * a revocation takes effect on the very next request. Misses (an unknown key ID) go to the store.
 */
public final class KeyDirectory {
  /** A key with its signature verifier, built once per key rather than per token. */
  public record KeyEntry(ApiKey key, JWSVerifier verifier) {}

  private final Store store;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
  private final Map<String, Team> teams = new ConcurrentHashMap<>();

  public KeyDirectory(Store store) {
    this.store = store;
  }

  public Optional<KeyEntry> key(String keyId) {
    if (unstorable(keyId)) {
      return Optional.empty();
    }
    KeyEntry cached = keys.get(keyId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<KeyEntry> loaded = store.key(keyId).map(KeyDirectory::entry);
    loaded.ifPresent(e -> keys.put(keyId, e));
    return loaded;
  }

  public Optional<Team> team(String issuerId) {
    if (unstorable(issuerId)) {
      return Optional.empty();
    }
    Team cached = teams.get(issuerId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Team> loaded = store.team(issuerId);
    loaded.ifPresent(t -> teams.put(issuerId, t));
    return loaded;
  }

  /**
   * A key ID or issuer ID with U+0000 (from a token's {@code kid} or {@code iss}, where JSON may
   * carry it) names nothing: no ID the server makes has it, and PostgreSQL cannot even compare it
   * (500 there, found by the fuzz suite). The token gets Apple's one 401 like any unknown key.
   */
  private static boolean unstorable(String id) {
    return id.indexOf('\0') >= 0;
  }

  /** Forgets everything cached; the next lookups read the store. */
  public void invalidate() {
    keys.clear();
    teams.clear();
  }

  private static KeyEntry entry(ApiKey key) {
    try {
      ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
      return new KeyEntry(key, new ECDSAVerifier(publicKey));
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException("stored public key of " + key.keyId() + " is unusable", e);
    }
  }
}
