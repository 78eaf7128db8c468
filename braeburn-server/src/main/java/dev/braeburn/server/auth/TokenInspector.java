package dev.braeburn.server.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.braeburn.server.store.ApiKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs every check App Store Connect applies to a JWT (protocol.md §1) and records each outcome:
 * structure, {@code alg}, {@code kid}, revocation, signature encoding and validity, issuer, audience,
 * {@code exp}/{@code iat}, {@code scope} and the lifetime rule. Checks that depend on a failed one
 * are skipped rather than guessed. Signature checking is nimbus-jose-jwt's; the rest is here
 * because its value is the precise sentence for each way a token goes wrong.
 */
public final class TokenInspector {
  static final String AUDIENCE = "appstoreconnect-v1";
  /** The Enterprise Program API's audience; clients share code, so it is a common mix-up. */
  static final String ENTERPRISE_AUDIENCE = "apple-developer-enterprise-v1";
  static final long MAX_LIFETIME_SECONDS = 1200;
  /** "Six months" is not defined more precisely by Apple; 184 days is the longest six calendar months. */
  static final long LONG_LIFETIME_SECONDS = 184L * 24 * 3600;
  /** Undocumented at Apple; a minute of a client clock running ahead is tolerated for {@code iat}. */
  static final long CLOCK_SKEW_SECONDS = 60;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*={0,2}");

  private final KeyDirectory keys;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final ApiSurface surface;

  public TokenInspector(KeyDirectory keys, Clock clock, ObjectMapper mapper) {
    this(keys, clock, mapper, ApiSurface.APP_STORE_CONNECT);
  }

  /** An inspector for the tokens of {@code surface}: which keys may sign them, scope, lifetime and {@code bid} differ. */
  public TokenInspector(KeyDirectory keys, Clock clock, ObjectMapper mapper, ApiSurface surface) {
    this.keys = keys;
    this.clock = clock;
    this.mapper = mapper;
    this.surface = surface;
  }

  /** The token's pieces once its structure checked out. */
  private record Parts(JsonNode header, JsonNode payload, byte[] signingInput, byte[] signature) {}

  public TokenReport inspect(String token) {
    List<Finding> findings = new ArrayList<>();
    Parts parts = structure(token, findings);
    if (parts == null) {
      skipRest(findings, "the token could not be read");
      return new TokenReport(findings, null, null, surface);
    }
    String kid = parts.header().path("kid").isTextual() ? parts.header().get("kid").textValue() : null;
    if (!algorithm(parts.header(), findings, surface)) {
      skipRest(findings, "only ES256 tokens are checked further");
      return new TokenReport(findings, null, kid, surface);
    }
    KeyDirectory.KeyEntry key = key(parts.header(), findings);
    if (key != null) {
      signature(parts, key, findings);
      issuer(parts.payload(), key.key(), findings);
    } else {
      findings.add(Finding.skipped("signature", "no key to verify it with"));
      findings.add(Finding.skipped("issuer", "no key to compare iss with"));
    }
    audience(parts.payload(), findings);
    // the App Store Server API has no scope claim; its token is as wide as its key (server-api.md §2.1)
    TokenScope scope = surface == ApiSurface.APP_STORE_CONNECT ? scope(parts.payload(), findings) : TokenScope.UNRESTRICTED;
    Instant expiresAt = new TokenTimes(clock.instant(), findings, surface).check(parts.payload(), scope);
    boolean accepted = findings.stream().noneMatch(Finding::failed) && key != null && expiresAt != null && scope != null;
    if (!accepted) {
      return new TokenReport(findings, null, kid, surface);
    }
    ApiKey k = key.key();
    Principal principal = new Principal(k.issuerId(), k.keyId(), java.util.Set.copyOf(k.roles()), k.individual());
    return new TokenReport(findings, new VerifiedToken(principal, expiresAt, scope, bundleId(parts.payload(), findings)), kid, surface);
  }

  private Parts structure(String token, List<Finding> findings) {
    String[] pieces = token.split("\\.", -1);
    if (pieces.length == 5) {
      findings.add(Finding.failed("structure", "the token has 5 parts: an encrypted JWE; App Store Connect needs a signed JWS (header.payload.signature)"));
      return null;
    }
    if (pieces.length != 3) {
      findings.add(Finding.failed("structure", "the token has " + pieces.length + " dot-separated parts; a JWS has 3 (header.payload.signature)"));
      return null;
    }
    String[] names = {"header", "payload", "signature"};
    for (int i = 0; i < 3; i++) {
      if (!BASE64URL.matcher(pieces[i]).matches()) {
        findings.add(Finding.failed("structure", "the " + names[i] + " is not base64url (characters outside A-Z a-z 0-9 - _)"));
        return null;
      }
    }
    try {
      JsonNode header = json(pieces[0], "header");
      JsonNode payload = json(pieces[1], "payload");
      byte[] signature = Base64.getUrlDecoder().decode(pieces[2].replace("=", ""));
      byte[] signingInput = (pieces[0] + "." + pieces[1]).getBytes(StandardCharsets.US_ASCII);
      findings.add(Finding.passed("structure", "three base64url parts; header " + header + ", payload " + payload));
      return new Parts(header, payload, signingInput, signature);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.failed("structure", e.getMessage()));
      return null;
    }
  }

  private JsonNode json(String piece, String name) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(piece.replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + name + " is not valid base64url: " + e.getMessage());
    }
    try {
      // trailing bytes after the object would be ignored by a lenient reader; they are not a JSON object
      JsonNode node = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the " + name + " is not a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the " + name + " is not JSON: " + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static boolean algorithm(JsonNode header, List<Finding> findings, ApiSurface surface) {
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      findings.add(Finding.failed("alg", "the header has no alg; " + surface.title() + " accepts only ES256"));
      return false;
    }
    String value = alg.textValue();
    if (value.equals("ES256")) {
      findings.add(Finding.passed("alg", "ES256"));
      return true;
    }
    String hint = value.equalsIgnoreCase("none") ? " (an unsigned token)"
        : value.startsWith("HS") ? " (an HMAC — e.g. signed with the public key as the secret)" : "";
    findings.add(Finding.failed("alg", "alg is " + value + hint + "; " + surface.title() + " accepts only ES256"));
    return false;
  }

  /**
   * The {@code bid} claim of an App Store Server API token, noted but never a reason for 401: Apple
   * answers a token without one with 400 {@code 4000002} (server-api.md §2.2, F:725963), which the
   * API layer sends once the token is otherwise accepted.
   */
  private String bundleId(JsonNode payload, List<Finding> findings) {
    if (surface != ApiSurface.APP_STORE_SERVER) {
      return null;
    }
    JsonNode bid = payload.get("bid");
    String value = bid != null && bid.isTextual() && !bid.textValue().isEmpty() ? bid.textValue() : null;
    findings.add(Finding.passed("bid", value != null ? "bid " + value
        : "no bid claim: the App Store Server API answers 400 4000002 (Invalid request app identifier) to every call"));
    return value;
  }

  private KeyDirectory.KeyEntry key(JsonNode header, List<Finding> findings) {
    JsonNode kid = header.get("kid");
    if (kid == null || !kid.isTextual() || kid.textValue().isEmpty()) {
      findings.add(Finding.failed("kid", "the header has no kid; it must name the key ID (e.g. 2X9R4HXF34)"));
      return null;
    }
    KeyDirectory.KeyEntry entry = keys.key(kid.textValue()).orElse(null);
    if (entry == null) {
      findings.add(Finding.failed("kid", "kid " + kid.textValue() + " names no key of this server"));
      return null;
    }
    ApiKey k = entry.key();
    if (k.revoked()) {
      findings.add(Finding.failed("kid", "key " + k.keyId() + " was revoked at " + k.revokedAt()));
      return entry; // the remaining checks still run, so an explanation shows everything else about the token
    }
    if (!surface.accepts(k)) {
      findings.add(Finding.failed("kid", surface.keyTypeRefusal(k)));
      return entry;
    }
    findings.add(Finding.passed("kid", "key " + k.keyId() + ": " + k.keyType().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + " key of issuer " + k.issuerId() + (k.roles().isEmpty() ? "" : ", roles " + k.roles())));
    return entry;
  }

  private static void signature(Parts parts, KeyDirectory.KeyEntry key, List<Finding> findings) {
    byte[] sig = parts.signature();
    if (sig.length != 64) {
      boolean der = sig.length >= 8 && (sig[0] & 0xff) == 0x30 && (sig[1] & 0xff) == sig.length - 2;
      findings.add(Finding.failed("signature", der
          ? "signature is DER-encoded (" + sig.length + " bytes); ES256 needs raw R||S (64 bytes)"
          : "signature is " + sig.length + " bytes; ES256 needs raw R||S (64 bytes)"));
      return;
    }
    try {
      if (key.verifier().verify(new JWSHeader(JWSAlgorithm.ES256), parts.signingInput(), Base64URL.encode(sig))) {
        findings.add(Finding.passed("signature", "verifies with the public key of " + key.key().keyId()));
        return;
      }
    } catch (JOSEException e) {
      // falls through: an unverifiable signature is a wrong one
    }
    findings.add(Finding.failed("signature", "signature does not verify with the public key of " + key.key().keyId()
        + " (signed with a different .p8, or the header/payload changed after signing)"));
  }

  private static void issuer(JsonNode payload, ApiKey key, List<Finding> findings) {
    String iss = payload.path("iss").isTextual() ? payload.get("iss").textValue() : null;
    String sub = payload.path("sub").isTextual() ? payload.get("sub").textValue() : null;
    if (key.individual()) {
      if (payload.has("iss")) {
        findings.add(Finding.failed("issuer", "key " + key.keyId() + " is an individual key: its tokens carry sub \"user\" and no iss, but this one has iss " + payload.get("iss")));
      } else if (!"user".equals(sub)) {
        findings.add(Finding.failed("issuer", "key " + key.keyId() + " is an individual key: its tokens need sub \"user\"; sub is " + payload.get("sub")));
      } else {
        findings.add(Finding.passed("issuer", "sub \"user\" (individual key)"));
      }
    } else if (iss == null) {
      findings.add(Finding.failed("issuer", "key " + key.keyId() + " is a team key: its tokens need iss = " + key.issuerId()
          + ("user".equals(sub) ? " (sub \"user\" is for individual keys)" : "; iss is missing")));
    } else if (!iss.equals(key.issuerId())) {
      findings.add(Finding.failed("issuer", "key " + key.keyId() + " belongs to issuer " + key.issuerId() + ", token says " + iss));
    } else {
      findings.add(Finding.passed("issuer", "iss " + iss));
    }
  }

  private static void audience(JsonNode payload, List<Finding> findings) {
    JsonNode aud = payload.get("aud");
    JsonNode single = aud != null && aud.isArray() && aud.size() == 1 ? aud.get(0) : aud;
    if (single != null && single.isTextual() && single.textValue().equals(AUDIENCE)) {
      findings.add(Finding.passed("audience", "aud " + AUDIENCE));
    } else if (aud == null) {
      findings.add(Finding.failed("audience", "aud is missing; it must be \"" + AUDIENCE + "\""));
    } else {
      String hint = single != null && ENTERPRISE_AUDIENCE.equals(single.asText()) ? " (that is the Enterprise Program API's)" : "";
      findings.add(Finding.failed("audience", "aud is " + aud + hint + "; it must be \"" + AUDIENCE + "\""));
    }
  }

  private static TokenScope scope(JsonNode payload, List<Finding> findings) {
    try {
      TokenScope scope = TokenScope.parse(payload.get("scope"));
      findings.add(Finding.passed("scope", scope.restricted()
          ? "restricted to " + scope.entries() + (scope.allowsLongLifetime() ? " (qualifies for the six-month lifetime)" : "")
          : "none (the token may call anything its key's role allows)"));
      return scope;
    } catch (IllegalArgumentException e) {
      findings.add(Finding.failed("scope", e.getMessage()));
      return null;
    }
  }

  private static void skipRest(List<Finding> findings, String why) {
    for (String check : List.of("alg", "kid", "signature", "issuer", "audience", "scope", "exp", "iat", "lifetime", "bid")) {
      if (findings.stream().noneMatch(f -> f.check().equals(check))) {
        findings.add(Finding.skipped(check, why));
      }
    }
  }
}
