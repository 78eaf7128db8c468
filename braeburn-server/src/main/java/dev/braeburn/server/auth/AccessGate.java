package dev.braeburn.server.auth;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.Team;
import dev.braeburn.spec.Operation;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may make a request, in Apple's order: the token (401), the key's rolling-hour limit (429),
 * the team's agreements (403 with {@code links.see}) — then, once the request is routed, the
 * role policy (403 FORBIDDEN_ERROR). Each refusal carries the plain reason for the diagnosis.
 */
public final class AccessGate {
  /** Stands in for a key when the server runs without required auth and no token is sent. */
  public static final String ANONYMOUS_KEY = "anonymous";

  private final TokenVerifier tokens;
  private final KeyDirectory keys;
  private final RateLimiter limiter;
  private final AccessPolicy policy;
  private final Clock clock;
  private final int serverHourlyLimit;
  private final Supplier<String> anonymousTeam;

  /** {@code anonymousTeam} null: every request needs a token. */
  public AccessGate(TokenVerifier tokens, KeyDirectory keys, RateLimiter limiter, AccessPolicy policy, Clock clock,
      int serverHourlyLimit, Supplier<String> anonymousTeam) {
    this.tokens = tokens;
    this.keys = keys;
    this.limiter = limiter;
    this.policy = policy;
    this.clock = clock;
    this.serverHourlyLimit = serverHourlyLimit;
    this.anonymousTeam = anonymousTeam;
  }

  /** Authenticates, counts and checks the team; throws {@link AuthenticationException} or {@link AccessDeniedException}. */
  public Admission admit(ApiRequest request) {
    String authorization = request.header("authorization");
    Principal principal = authorization == null && anonymousTeam != null
        ? new Principal(anonymousTeam.get(), ANONYMOUS_KEY, Set.of("ADMIN"), false)
        : tokens.authenticate(authorization, request.method(), request.path(), request.query());
    Admission admission = new Admission(principal, count(principal));
    if (admission.rate() != null && !admission.rate().allowed()) {
      throw new AccessDeniedException(Errors.rateLimitExceeded(), "key " + principal.keyId() + " made "
          + admission.rate().limit() + " requests in the last hour; the limit is " + admission.rate().limit()
          + " per rolling hour; the oldest leaves the window in " + admission.rate().retryAfterSeconds() + " s", admission);
    }
    Team team = keys.team(principal.issuerId()).orElse(null);
    if (team != null && team.agreementsMissing()) {
      throw new AccessDeniedException(Errors.agreementsMissing(), "team " + team.issuerId()
          + " has required agreements missing or expired (switched on through PATCH /_braeburn/teams/" + team.issuerId() + ")", admission);
    }
    return admission;
  }

  /** Applies the role policy to a routed request. */
  public void authorize(Admission admission, Operation op) {
    AccessDecision decision = policy.decide(admission.principal(), op);
    if (!decision.allowed()) {
      throw new AccessDeniedException(Errors.forbidden(), decision.reason(), admission);
    }
  }

  private RateLimiter.Verdict count(Principal principal) {
    int limit = serverHourlyLimit;
    if (!principal.keyId().equals(ANONYMOUS_KEY)) {
      Integer own = keys.key(principal.keyId()).map(KeyDirectory.KeyEntry::key).map(ApiKey::hourlyLimit).orElse(null);
      limit = own != null ? own : serverHourlyLimit;
    }
    return limit <= 0 ? null : limiter.acquire(principal.keyId(), limit, clock.instant());
  }
}
