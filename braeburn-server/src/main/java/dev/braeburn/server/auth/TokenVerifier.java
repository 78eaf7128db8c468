package dev.braeburn.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Verifies App Store Connect JWTs as Apple does (protocol.md §1): ES256 only with a raw 64-byte
 * R||S signature, {@code kid} naming a live key, {@code iss} the key's team (or {@code sub:
 * "user"} for an individual key), {@code aud} = {@code appstoreconnect-v1}, {@code exp} required
 * and at most 1200 s ahead, {@code iat} optional.
 */
public final class TokenVerifier {
  static final String AUDIENCE = "appstoreconnect-v1";
  static final long MAX_LIFETIME_SECONDS = 1200;
  /** Undocumented at Apple; a minute covers ordinary clock drift between client and server. */
  static final long CLOCK_SKEW_SECONDS = 60;

  private final Store store;
  private final Clock clock;

  public TokenVerifier(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Principal verify(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new AuthenticationException("no 'Authorization: Bearer <JWT>' header");
    }
    String token = authorization.substring(7).trim();
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new AuthenticationException("the bearer token is not a signed JWT: " + e.getMessage());
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new AuthenticationException("alg is " + jwt.getHeader().getAlgorithm() + "; only ES256 is accepted");
    }
    int signatureBytes = jwt.getSignature().decode().length;
    if (signatureBytes != 64) {
      throw new AuthenticationException(
          "signature is " + signatureBytes + " bytes (DER-encoded?); ES256 needs raw R||S (64 bytes)");
    }
    String kid = jwt.getHeader().getKeyID();
    ApiKey key = kid == null ? null : store.key(kid).orElse(null);
    if (key == null) {
      throw new AuthenticationException("kid " + kid + " names no key");
    }
    if (key.revoked()) {
      throw new AuthenticationException("key " + kid + " was revoked at " + key.revokedAt());
    }
    checkSignature(jwt, key);
    JWTClaimsSet claims = claims(jwt);
    checkIssuer(claims, key);
    checkAudience(claims);
    checkTimes(claims);
    return new Principal(key.issuerId(), key.keyId(), key.role(), "INDIVIDUAL".equals(key.keyType()));
  }

  private static void checkSignature(SignedJWT jwt, ApiKey key) {
    try {
      ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
      if (!jwt.verify(new ECDSAVerifier(publicKey))) {
        throw new AuthenticationException("signature does not verify with the public key of " + key.keyId());
      }
    } catch (JOSEException | java.security.GeneralSecurityException e) {
      throw new AuthenticationException("signature check failed: " + e.getMessage());
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AuthenticationException("payload is not a JSON claims set: " + e.getMessage());
    }
  }

  private static void checkIssuer(JWTClaimsSet claims, ApiKey key) {
    boolean individual = "INDIVIDUAL".equals(key.keyType());
    if (individual) {
      if (!"user".equals(claims.getSubject()) || claims.getIssuer() != null) {
        throw new AuthenticationException("key " + key.keyId() + " is an individual key: the token needs sub \"user\" and no iss");
      }
    } else if (!key.issuerId().equals(claims.getIssuer())) {
      throw new AuthenticationException(
          "key " + key.keyId() + " belongs to issuer " + key.issuerId() + ", token says " + claims.getIssuer());
    }
  }

  private static void checkAudience(JWTClaimsSet claims) {
    List<String> aud = claims.getAudience();
    if (aud == null || aud.size() != 1 || !AUDIENCE.equals(aud.getFirst())) {
      throw new AuthenticationException("aud is " + aud + "; it must be \"" + AUDIENCE + "\"");
    }
  }

  private void checkTimes(JWTClaimsSet claims) {
    long now = clock.instant().getEpochSecond();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new AuthenticationException("exp is missing");
    }
    long expSeconds = exp.getTime() / 1000;
    if (expSeconds <= now) {
      throw new AuthenticationException("token expired " + (now - expSeconds) + " s ago");
    }
    if (expSeconds - now > MAX_LIFETIME_SECONDS) {
      throw new AuthenticationException(
          "exp is " + (expSeconds - now) + " s after now; the limit is " + MAX_LIFETIME_SECONDS + " s");
    }
    Date iat = claims.getIssueTime();
    if (iat != null) {
      long iatSeconds = iat.getTime() / 1000;
      if (iatSeconds - now > CLOCK_SKEW_SECONDS) {
        throw new AuthenticationException("iat is " + (iatSeconds - now) + " s in the future");
      }
      if (expSeconds - iatSeconds > MAX_LIFETIME_SECONDS) {
        throw new AuthenticationException(
            "exp - iat is " + (expSeconds - iatSeconds) + " s; the limit is " + MAX_LIFETIME_SECONDS + " s");
      }
    }
  }
}
