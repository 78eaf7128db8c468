package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The developer's signature of a promotional offer, checked as StoreKit does ("Generating a
 * signature for promotional offers"; the format of Apple's PromotionalOfferSignatureCreator): an
 * ECDSA P-256 / SHA-256 signature (DER, base64) with an In-App Purchase key of the team over
 * {@code bundleId ⁣ keyId ⁣ productId ⁣ offerIdentifier ⁣ appAccountToken (lower case, may be empty)
 * ⁣ nonce (lower case) ⁣ timestamp (ms)}, joined by U+2063; the timestamp keeps it valid 24 hours.
 * The object follows Apple's {@code PromotionalOfferSignatureV1}: {@code keyId}, {@code nonce},
 * {@code timestamp}, {@code encodedSignature}, optional {@code appAccountToken} (StoreKit's own
 * names {@code keyIdentifier} and {@code signature} are accepted too).
 */
final class PromotionalSignature {
  static final long VALID_MILLIS = 24 * 3_600_000L;
  /** [INFER] a timestamp may run ahead of the App Store's clock by this much. */
  static final long CLOCK_SKEW_MILLIS = 5 * 60_000L;
  private static final char SEPARATOR = '\u2063';

  private PromotionalSignature() {}

  /** Null when {@code signature} is valid for the purchase; otherwise what is wrong and how to fix it. */
  static String problem(Store store, String team, JsonNode body, JsonNode signature, long now) {
    String keyId = keyId(signature);
    String nonce = text(signature, "nonce", null);
    String encoded = text(signature, "encodedSignature", "signature");
    JsonNode timestamp = signature.path("timestamp");
    if (keyId == null || nonce == null || encoded == null || !timestamp.canConvertToLong()) {
      return "the signature object needs keyId, nonce, timestamp (ms) and encodedSignature (Apple's PromotionalOfferSignatureV1)";
    }
    Optional<ApiKey> key = store.key(keyId);
    if (key.isEmpty() || !key.get().inAppPurchase() || !key.get().issuerId().equals(team)) {
      return "key " + keyId + " is not an In-App Purchase key of this team (POST /_braeburn/keys {\"type\":\"IN_APP_PURCHASE\"})";
    }
    if (key.get().revoked()) {
      return "key " + keyId + " is revoked";
    }
    long ts = timestamp.asLong();
    if (now - ts > VALID_MILLIS || ts - now > CLOCK_SKEW_MILLIS) {
      return "the timestamp " + ts + " is not within the 24 hours before now (" + now + ", virtual clock); sign again with a fresh timestamp";
    }
    String token = text(signature, "appAccountToken", null);
    token = token != null ? token : body.path("appAccountToken").asText("");
    String payload = body.path("bundleId").asText() + SEPARATOR + keyId + SEPARATOR + body.path("productId").asText() + SEPARATOR
        + body.path("offer").path("id").asText() + SEPARATOR + token.toLowerCase(Locale.ROOT) + SEPARATOR + nonce.toLowerCase(Locale.ROOT)
        + SEPARATOR + ts;
    try {
      PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get().publicKey())));
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(payload.getBytes(StandardCharsets.UTF_8));
      if (verifier.verify(Base64.getDecoder().decode(encoded))) {
        return null;
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "the signature is not a base64 DER ECDSA signature (" + e.getMessage() + ")";
    }
    return "the signature does not verify with key " + keyId + " over bundleId, keyId, productId, offer id, appAccountToken, nonce and"
        + " timestamp joined by U+2063 (as Apple's PromotionalOfferSignatureCreator makes it)";
  }

  /** The V1 object's key id (Apple's {@code keyId}, StoreKit's {@code keyIdentifier}). */
  static String keyId(JsonNode signature) {
    return text(signature, "keyId", "keyIdentifier");
  }

  private static String text(JsonNode node, String name, String alternative) {
    String value = node.path(name).asText(null);
    return value == null && alternative != null ? node.path(alternative).asText(null) : value;
  }
}
