package dev.braeburn.server.auth;

import dev.braeburn.server.engine.IdGenerator;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Creates API keys the way App Store Connect hands them out: a P-256 key pair, a ten-character key
 * ID, and the private key once as a PKCS#8 PEM ({@code AuthKey_<KEYID>.p8}); only the public half
 * is stored.
 */
public final class KeyIssuer {
  public record IssuedKey(ApiKey key, String privateKeyPem) {}

  private final Store store;
  private final Clock clock;
  private final IdGenerator ids = new IdGenerator();

  public KeyIssuer(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A new key of {@code keyType} (ApiKey.TEAM, INDIVIDUAL or IN_APP_PURCHASE); a team key has one role, an In-App Purchase key none. */
  public IssuedKey issue(String issuerId, List<String> roles, String keyType, String name, Integer hourlyLimit) {
    KeyPair pair = generate();
    String keyId = ids.shortId();
    String label = name != null ? name : roles.isEmpty() ? "Braeburn " + keyType.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " key"
        : "Braeburn " + String.join("/", roles).toLowerCase(java.util.Locale.ROOT) + " key";
    ApiKey key = new ApiKey(keyId, issuerId, label, roles, keyType,
        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), clock.instant(), null, hourlyLimit);
    store.saveKey(key);
    return new IssuedKey(key, pem(pair.getPrivate().getEncoded()));
  }

  /**
   * Loads and initialises the JDK's EC code — key generation, ECDSA signing and verification — so
   * that neither the first key issued (an empty data directory) nor the first token verified pays
   * for it. Called on a background thread while the store opens; the key pair made for it is
   * thrown away. Never throws: whatever fails here fails again, and is reported, where it is used.
   */
  public static void warmUp() {
    try {
      KeyPair pair = generate();
      java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      byte[] data = "braeburn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      signer.update(data);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(java.security.KeyFactory.getInstance("EC")
          .generatePublic(new java.security.spec.X509EncodedKeySpec(pair.getPublic().getEncoded())));
      verifier.update(data);
      verifier.verify(signature);
    } catch (RuntimeException | java.security.GeneralSecurityException e) {
      // only a warm-up
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is not available in this JDK", e);
    }
  }

  static String pem(byte[] pkcs8) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(pkcs8);
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }
}
