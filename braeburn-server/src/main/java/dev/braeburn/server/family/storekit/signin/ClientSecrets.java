package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.auth.ApiSurface;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.Team;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;

/**
 * Checks a Sign in with Apple client secret (server-api.md §5): an ES256 JWT, header
 * {@code {kid, alg}}, payload {@code {iss: Team ID, iat, exp, aud: "https://appleid.apple.com", sub:
 * client_id}}, signed by a Sign in with Apple key of that team, {@code exp} at most 15777000 s (six
 * months) after {@code iat}, and a client_id the team owns ({@link SignInApps}). Any failure is
 * Apple's {@code invalid_client}; the diagnosis names the rule. Times are the wall clock: clients sign
 * with real time (ARCHITECTURE.md, Time).
 */
final class ClientSecrets {
  static final String AUDIENCE = "https://appleid.apple.com";
  /** Undocumented at Apple; as for App Store Connect tokens, a minute of client clock ahead is tolerated. */
  private static final long CLOCK_SKEW_SECONDS = 60;

  private final Store store;
  private final ObjectMapper mapper;
  private final Clock wall;

  ClientSecrets(Store store, ObjectMapper mapper, Clock wall) {
    this.store = store;
    this.mapper = mapper;
    this.wall = wall;
  }

  /** The client the secret speaks for; {@code clientId} is the form's client_id. */
  SignInClient verify(String clientId, String secret) {
    String[] parts = secret.split("\\.", -1);
    if (parts.length != 3) {
      throw refuse("client_secret has " + parts.length + " dot-separated parts; it must be a signed JWT (header.payload.signature)");
    }
    JsonNode header = json(parts[0], "header");
    JsonNode payload = json(parts[1], "payload");
    if (!"ES256".equals(header.path("alg").asText(null))) {
      throw refuse("the client secret's alg is " + header.get("alg") + "; Sign in with Apple takes only ES256");
    }
    ApiKey key = key(header.path("kid").asText(""));
    signature(parts, key);
    Team team = store.team(key.issuerId()).orElseThrow(() -> refuse("key " + key.keyId() + " belongs to no team"));
    issuer(payload, key, team);
    audience(payload);
    if (!clientId.equals(payload.path("sub").asText(null))) {
      throw refuse("the client secret's sub is " + payload.get("sub") + " but client_id is \"" + clientId + "\"; sub must be the client_id");
    }
    times(payload);
    return new SignInClient(team.issuerId(), team.teamId(), key.keyId(), clientId);
  }

  /** The kid the secret's header names, read without any check (for the journal); null when unreadable. */
  String claimedKeyId(String secret) {
    try {
      JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(secret.split("\\.", 2)[0]));
      return header != null && header.path("kid").isTextual() ? header.get("kid").textValue() : null;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private JsonNode json(String part, String name) {
    try {
      JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(part));
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      // refused below
    }
    throw refuse("the client secret's " + name + " is not base64url-encoded JSON");
  }

  private ApiKey key(String kid) {
    if (kid.isEmpty()) {
      throw refuse("the client secret's header has no kid; it must name the Sign in with Apple key ID");
    }
    ApiKey key = kid.indexOf('\0') >= 0 ? null : store.key(kid).orElse(null);
    if (key == null) {
      throw refuse("kid " + kid + " names no key of this server");
    }
    if (key.revoked()) {
      throw refuse("key " + kid + " was revoked at " + key.revokedAt());
    }
    if (!ApiSurface.SIGN_IN_WITH_APPLE.accepts(key)) {
      throw refuse(ApiSurface.SIGN_IN_WITH_APPLE.keyTypeRefusal(key));
    }
    return key;
  }

  private static void signature(String[] parts, ApiKey key) {
    try {
      // JWS ES256 signatures are raw R||S (RFC 7518 §3.4): the JDK's P1363 format, no JOSE library needed outside auth
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey()))));
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return;
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // an unverifiable signature is a wrong one
    }
    throw refuse("the client secret's signature does not verify with the public key of " + key.keyId()
        + " (signed with another .p8, DER-encoded instead of raw R||S, or changed after signing)");
  }

  private static void issuer(JsonNode payload, ApiKey key, Team team) {
    String iss = payload.path("iss").asText(null);
    if (team.teamId().equals(iss)) {
      return;
    }
    String hint = key.issuerId().equals(iss) ? " (that is the App Store Connect issuer ID; Sign in with Apple wants the 10-character Team ID)" : "";
    throw refuse("the client secret's iss is " + payload.get("iss") + hint + "; key " + key.keyId() + " belongs to team " + team.teamId()
        + ", so iss must be \"" + team.teamId() + "\"");
  }

  private static void audience(JsonNode payload) {
    JsonNode aud = payload.get("aud");
    JsonNode single = aud != null && aud.isArray() && aud.size() == 1 ? aud.get(0) : aud;
    if (single == null || !AUDIENCE.equals(single.asText(null))) {
      throw refuse("the client secret's aud is " + aud + "; it must be \"" + AUDIENCE + "\"");
    }
  }

  private void times(JsonNode payload) {
    long now = wall.instant().getEpochSecond();
    if (!payload.path("iat").isNumber() || !payload.path("exp").isNumber()) {
      throw refuse("the client secret needs iat and exp as numbers of seconds since 1970; it has iat " + payload.get("iat")
          + ", exp " + payload.get("exp"));
    }
    long iat = payload.get("iat").asLong();
    long exp = payload.get("exp").asLong();
    long limit = ApiSurface.SIGN_IN_WITH_APPLE.maxLifetimeSeconds();
    if (exp <= now) {
      throw refuse("the client secret expired " + (now - exp) + " s ago (exp " + exp + ", server time " + now + ")");
    }
    if (iat - now > CLOCK_SKEW_SECONDS) {
      throw refuse("the client secret's iat is " + (iat - now) + " s in the future; Braeburn allows " + CLOCK_SKEW_SECONDS + " s of clock skew");
    }
    long lifetime = Math.max(exp - iat, exp - now);
    if (lifetime > limit) {
      throw refuse("the client secret's exp is " + lifetime + " s after " + (exp - iat >= exp - now ? "iat" : "now")
          + "; Apple allows at most " + limit + " s (six months)");
    }
  }

  private static OAuthRefusal refuse(String diagnosis) {
    return new OAuthRefusal("clientSecret", diagnosis);
  }
}
