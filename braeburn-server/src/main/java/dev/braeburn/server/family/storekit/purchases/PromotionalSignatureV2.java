package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The developer's promotional offer signature V2 (StoreKit {@code promotionalOfferSignature}; the
 * format of Apple's PromotionalOfferV2SignatureCreator / JWSSignatureCreator): a compact JWS, header
 * {@code {"alg":"ES256","typ":"JWT","kid":<In-App Purchase key id>}}, payload {@code iss} (issuer
 * id), {@code iat} (seconds), {@code aud} "promotional-offer", {@code bid} (bundle id),
 * {@code nonce} (UUID), {@code productId}, {@code offerIdentifier} and optional
 * {@code transactionId}; no {@code exp}. Apple's creator stamps {@code iat} with real time, so it is
 * read against the wall clock, as Braeburn reads every client-signed token (ARCHITECTURE "Time");
 * [INFER] it stays valid 24 hours, as a V1 signature's timestamp does, and may run 5 minutes ahead.
 */
final class PromotionalSignatureV2 {
  static final String AUDIENCE = "promotional-offer";
  static final long VALID_SECONDS = PromotionalSignature.VALID_MILLIS / 1000;
  static final long CLOCK_SKEW_SECONDS = PromotionalSignature.CLOCK_SKEW_MILLIS / 1000;

  private PromotionalSignatureV2() {}

  /** The verified signature's nonce and transactionId; what is wrong otherwise, as the exception's text. */
  static OfferSignature verify(Store store, ObjectMapper mapper, String team, JsonNode body, String jws, long wallSeconds) {
    String[] parts = jws.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("signature is a string, so it is read as a V2 compact JWS (header.payload.signature); it has "
          + parts.length + " parts. A V1 signature is an object {keyId, nonce, timestamp, encodedSignature}");
    }
    JsonNode header = json(mapper, parts[0], "header");
    JsonNode claims = json(mapper, parts[1], "payload");
    if (!"ES256".equals(header.path("alg").asText(null))) {
      throw new IllegalArgumentException("the JWS alg is " + header.get("alg") + "; promotional offer signatures are ES256");
    }
    String keyId = header.path("kid").asText("");
    Optional<ApiKey> key = keyId.isEmpty() ? Optional.empty() : store.key(keyId);
    if (key.isEmpty() || !key.get().inAppPurchase() || !key.get().issuerId().equals(team)) {
      throw new IllegalArgumentException("the JWS kid '" + keyId + "' is not an In-App Purchase key of this team"
          + " (POST /_braeburn/keys {\"type\":\"IN_APP_PURCHASE\"})");
    }
    if (key.get().revoked()) {
      throw new IllegalArgumentException("key " + keyId + " is revoked");
    }
    if (!signed(parts, key.get())) {
      throw new IllegalArgumentException("the JWS signature does not verify with the public key of " + keyId
          + " (signed with another .p8, DER instead of raw R||S, or changed after signing)");
    }
    expect(claims, "iss", team, "the issuer ID of the key's team");
    JsonNode aud = claims.get("aud");
    expect(aud != null && aud.isArray() && aud.size() == 1 ? aud.get(0) : aud, AUDIENCE, "aud");
    expect(claims, "bid", body.path("bundleId").asText(), "the purchase's bundleId");
    expect(claims, "productId", body.path("productId").asText(), "the purchase's productId");
    expect(claims, "offerIdentifier", body.path("offer").path("id").asText(), "the offer's id");
    String nonce = claims.path("nonce").asText("");
    if (nonce.isBlank()) {
      throw new IllegalArgumentException("the JWS payload has no nonce (Apple's creator puts a fresh UUID in every signature)");
    }
    if (!claims.path("iat").isNumber()) {
      throw new IllegalArgumentException("the JWS payload needs iat, seconds since 1970; it has " + claims.get("iat"));
    }
    long iat = claims.get("iat").asLong();
    if (wallSeconds - iat > VALID_SECONDS || iat - wallSeconds > CLOCK_SKEW_SECONDS) {
      throw new IllegalArgumentException("iat " + iat + " is not within the 24 hours before now (" + wallSeconds + ", wall clock:"
          + " Apple's creator signs with real time, so the virtual clock does not move it; 24 hours inferred); sign again");
    }
    return new OfferSignature("V2", keyId, nonce, claims.path("transactionId").asText(null));
  }

  private static void expect(JsonNode claims, String claim, String wanted, String what) {
    expect(claims.get(claim), wanted, claim + " (" + what + ")");
  }

  private static void expect(JsonNode value, String wanted, String what) {
    if (value == null || !value.isTextual() || !value.asText().equals(wanted)) {
      throw new IllegalArgumentException("the JWS claim " + what + " is " + value + "; it must be \"" + wanted + "\"");
    }
  }

  private static boolean signed(String[] parts, ApiKey key) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format"); // JWS ES256 is raw R||S (RFC 7518 §3.4)
      verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey()))));
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static JsonNode json(ObjectMapper mapper, String part, String name) {
    try {
      JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(part));
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      // refused below
    }
    throw new IllegalArgumentException("the JWS " + name + " is not base64url-encoded JSON");
  }
}
