package dev.braeburn.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;

/**
 * Authenticates a request's bearer token as App Store Connect does (see {@link TokenInspector} for
 * the rules). A token is fully inspected once and then served from {@link TokenCache} until it
 * expires; what can change while it is cached — its key's revocation, the clock, the request it is
 * used for (its {@code scope}) — is checked on every request.
 */
public final class TokenVerifier {
  private final KeyDirectory keys;
  private final Clock clock;
  private final TokenInspector inspector;
  private final TokenCache cache = new TokenCache();

  public TokenVerifier(KeyDirectory keys, Clock clock, ObjectMapper mapper) {
    this(keys, clock, mapper, ApiSurface.APP_STORE_CONNECT);
  }

  public TokenVerifier(KeyDirectory keys, Clock clock, ObjectMapper mapper, ApiSurface surface) {
    this.keys = keys;
    this.clock = clock;
    this.inspector = new TokenInspector(keys, clock, mapper, surface);
  }

  /**
   * The verified token of an App Store Server API request (no scope to match; its {@code bid} is
   * the caller's to check), or an {@link AuthenticationException}.
   */
  public VerifiedToken verifyBearer(String authorization) {
    return verify(bearer(authorization));
  }

  /** The caller of a request, or an {@link AuthenticationException} carrying the exact reason. */
  public Principal authenticate(String authorization, String method, String rawPath, String rawQuery) {
    VerifiedToken token = verify(bearer(authorization));
    if (!token.scope().matches(method, rawPath, rawQuery)) {
      String request = method + " " + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
      throw new AuthenticationException("the token's scope " + token.scope().entries() + " does not include " + request
          + " (query order, limit, cursor and sort are ignored when matching)", token.principal().keyId());
    }
    return token.principal();
  }

  /** Every check on a token, for {@code braeburn token --explain}; nothing is cached. */
  public TokenReport explain(String token) {
    return inspector.inspect(token.trim());
  }

  private VerifiedToken verify(String token) {
    Instant now = clock.instant();
    VerifiedToken cached = cache.get(token, now);
    if (cached != null) {
      stillLive(cached);
      return cached;
    }
    TokenReport report = inspector.inspect(token);
    if (!report.accepted()) {
      throw new AuthenticationException(report.firstFailure().map(Finding::detail).orElse("the token was not accepted"),
          report.claimedKeyId());
    }
    cache.put(token, report.token(), now);
    return report.token();
  }

  /** Revocation takes effect at once, even for tokens verified before it. */
  private void stillLive(VerifiedToken token) {
    String keyId = token.principal().keyId();
    KeyDirectory.KeyEntry entry = keys.key(keyId).orElse(null);
    if (entry == null || entry.key().revoked()) {
      throw new AuthenticationException("key " + keyId + " was revoked" + (entry == null ? "" : " at " + entry.key().revokedAt()), keyId);
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationException("the request has no Authorization header; send 'Authorization: Bearer <JWT>'");
    }
    if (authorization.trim().equalsIgnoreCase("bearer")) { // the transport trims "Bearer " to "Bearer"
      throw new AuthenticationException("the Authorization header says 'Bearer' but carries no token");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String scheme = authorization.split(" ", 2)[0];
      throw new AuthenticationException("the Authorization header uses the '" + scheme + "' scheme; Apple's APIs need 'Bearer <JWT>'");
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty()) {
      throw new AuthenticationException("the Authorization header says 'Bearer' but carries no token");
    }
    return token;
  }
}
