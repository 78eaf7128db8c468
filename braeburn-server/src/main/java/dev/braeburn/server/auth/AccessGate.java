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

  /**
   * The resources the developer program's provisioning backend serves (Certificates, Identifiers and
   * Profiles): a team without an active membership is refused them while the rest of the API answers
   * (provisioning.md §8, the forum case: /v1/apps 200, /v1/bundleIds, /v1/profiles, /v1/certificates 403).
   */
  static final Set<String> PROVISIONING = Set.of("bundleIds", "bundleIdCapabilities", "certificates", "devices", "profiles", "merchantIds",
      "passTypeIds");

  /** Applies the role policy, then the team's program membership, to a routed request. */
  public void authorize(Admission admission, Operation op) {
    AccessDecision decision = policy.decide(admission.principal(), op);
    if (!decision.allowed()) {
      throw new AccessDeniedException(Errors.forbidden(), decision.reason(), admission);
    }
    if (PROVISIONING.contains(op.type())) {
      Team team = keys.team(admission.principal().issuerId()).orElse(null);
      if (team != null && !Team.ACTIVE.equals(team.programMembership())) {
        throw membership(team, admission);
      }
    }
  }

  private static AccessDeniedException membership(Team team, Admission admission) {
    String switched = " (switched through PATCH /_braeburn/teams/" + team.issuerId() + " {\"programMembership\"}; "
        + "App Store Connect resources such as /v1/apps keep working)";
    if ("NONE".equals(team.programMembership())) {
      return new AccessDeniedException(Errors.noProgramTeam(team.issuerId()), "team " + team.issuerId() + " has no Apple Developer "
          + "Program team behind its App Store Connect provider, so the provisioning backend cannot map the key's issuer (the "
          + "'Content Provider ID' in the detail) to a team; Apple does not document the cause (provisioning.md §8: a lapsed, "
          + "terminated or never-linked membership are the likely ones, inferred)" + switched, admission);
    }
    return new AccessDeniedException(Errors.membershipNotActive(team.teamId()), "team " + team.issuerId() + " (team ID " + team.teamId()
        + ") has a developer-program membership that is " + team.programMembership() + ", not active; renewing it at Apple ends this"
        + switched, admission);
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
