package dev.braeburn.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Low-level compact JWS (RFC 7515) with ECDSA over SHA-256: the building blocks under
 * {@link TokenBuilder}.
 *
 * <p>This is public on purpose. A server's test suite must send tokens a well-behaved client never
 * mints: DER signatures instead of raw R||S, missing or extra claims, headers that are not JSON at
 * all. {@link #sign(Map, Map, PrivateKey, SignatureFormat)} signs whatever maps it is given, and
 * {@link #assemble(String, String, byte[])} joins arbitrary text and bytes without judging them.
 * Nothing here checks that the result is a token App Store Connect would accept.
 */
public final class Jws {
  /**
   * Jackson keeps a {@link java.util.LinkedHashMap}'s insertion order, so callers decide the order
   * of header fields and claims (some hand-written verifiers are sensitive to it).
   */
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** How the ECDSA signature (the pair R, S) is encoded in the token's third part. */
  public enum SignatureFormat {
    /**
     * R and S as fixed-width big-endian integers, concatenated: 64 bytes for P-256. This is what
     * JWS (RFC 7518 §3.4) and App Store Connect require.
     */
    RAW_R_S("SHA256withECDSAinP1363Format"),
    /**
     * The ASN.1 DER SEQUENCE the JDK and OpenSSL produce by default (70–72 bytes for P-256). A
     * classic bug in hand-rolled clients; App Store Connect rejects it.
     */
    DER("SHA256withECDSA");

    private final String jcaAlgorithm;

    SignatureFormat(String jcaAlgorithm) {
      this.jcaAlgorithm = jcaAlgorithm;
    }
  }

  private Jws() {}

  /**
   * Serializes header and payload to JSON, signs {@code base64url(header).base64url(payload)} and
   * returns the compact JWS. Values may be anything Jackson can serialize (strings, numbers, lists,
   * nested maps).
   */
  public static String sign(Map<String, ?> header, Map<String, ?> payload, PrivateKey key, SignatureFormat format) {
    return sign(toJson(header), toJson(payload), key, format);
  }

  /**
   * Signs JSON text as given, so a test can sign a header or payload that is malformed, has
   * duplicate members or odd whitespace, and still carries a valid signature.
   */
  public static String sign(String headerJson, String payloadJson, PrivateKey key, SignatureFormat format) {
    String signingInput = encode(headerJson) + "." + encode(payloadJson);
    return signingInput + "." + base64Url(signature(signingInput, key, format));
  }

  /**
   * Joins {@code base64url(headerJson).base64url(payloadJson).base64url(signature)} verbatim:
   * nothing is parsed, validated or signed, so any garbage goes through.
   */
  public static String assemble(String headerJson, String payloadJson, byte[] signature) {
    return encode(headerJson) + "." + encode(payloadJson) + "." + base64Url(signature);
  }

  /** Base64url without padding, the only Base64 flavour JWS uses (RFC 7515 §2). */
  public static String base64Url(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }

  /** Compact JSON for a header or claims map, in the map's iteration order. */
  public static String toJson(Map<String, ?> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize to JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The signature over {@code signingInput} (ASCII), in the requested encoding. */
  public static byte[] signature(String signingInput, PrivateKey key, SignatureFormat format) {
    try {
      Signature signer = Signature.getInstance(format.jcaAlgorithm);
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signer.sign();
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "cannot sign with a " + key.getAlgorithm() + " key; ES256 needs an EC (P-256) private key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot compute " + format.jcaAlgorithm + " signatures", e);
    }
  }

  private static String encode(String text) {
    return base64Url(text.getBytes(StandardCharsets.UTF_8));
  }
}
