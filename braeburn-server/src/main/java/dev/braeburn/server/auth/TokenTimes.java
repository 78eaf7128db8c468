package dev.braeburn.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The time rules of a token (protocol.md §1.5): {@code exp} required, in seconds, in the future;
 * {@code iat} optional, at most {@link TokenInspector#CLOCK_SKEW_SECONDS} ahead of the server; and
 * the lifetime — both {@code exp − now} and {@code exp − iat} — at most 1200 s, or six months for a
 * GET-only scope on long-lived resources. The upper bound has no leeway: a client clock 34 s ahead
 * with a 20-minute token got 401 at Apple (Cap-go PR #2840), as did fastlane's 1200 s token with an
 * {@code iat} back-dated by 60 s (fastlane #19072).
 */
final class TokenTimes {
  /** NumericDates beyond year 5000 are milliseconds (a common mistake: {@code Date.now()}). */
  private static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;

  private final long now;
  private final List<Finding> findings;
  private final ApiSurface surface;

  TokenTimes(Instant now, List<Finding> findings, ApiSurface surface) {
    this.now = now.getEpochSecond();
    this.findings = findings;
    this.surface = surface;
  }

  /** Records the exp, iat and lifetime findings; returns the expiry when all passed, else null (scope null: malformed). */
  Instant check(JsonNode payload, TokenScope scope) {
    Long exp = seconds(payload, "exp");
    Long iat = payload.has("iat") ? seconds(payload, "iat") : null;
    boolean expOk = exp != null && expiry(exp);
    boolean iatOk = !payload.has("iat") || (iat != null && issuedAt(iat));
    if (!expOk || !iatOk) {
      findings.add(Finding.skipped("lifetime", "needs a valid exp" + (payload.has("iat") ? " and iat" : "")));
      return null;
    }
    if (scope == null) {
      findings.add(Finding.skipped("lifetime", "the limit depends on a valid scope"));
      return null;
    }
    return lifetime(exp, iat, scope) ? Instant.ofEpochSecond(exp) : null;
  }

  /** The claim as whole seconds, or null (with a finding) when it is missing or not a number. */
  private Long seconds(JsonNode payload, String claim) {
    JsonNode node = payload.get(claim);
    if (node == null) {
      findings.add(Finding.failed(claim, claim + " is missing; it is required (seconds since 1970)"));
      return null;
    }
    if (!node.isNumber()) {
      findings.add(Finding.failed(claim, claim + " is " + node + "; it must be a number of seconds since 1970"));
      return null;
    }
    long value = node.asLong();
    if (value > MILLISECONDS_THRESHOLD) {
      findings.add(Finding.failed(claim, claim + " is " + value + ", which is milliseconds; JWT times are seconds since 1970 ("
          + value / 1000 + ")"));
      return null;
    }
    return value;
  }

  private boolean expiry(long exp) {
    if (exp <= now) {
      findings.add(Finding.failed("exp", "token expired " + (now - exp) + " s ago (exp " + Instant.ofEpochSecond(exp)
          + ", server time " + Instant.ofEpochSecond(now) + ")"));
      return false;
    }
    findings.add(Finding.passed("exp", "expires in " + (exp - now) + " s (" + Instant.ofEpochSecond(exp) + ")"));
    return true;
  }

  private boolean issuedAt(long iat) {
    if (iat - now > TokenInspector.CLOCK_SKEW_SECONDS) {
      findings.add(Finding.failed("iat", "iat is " + (iat - now) + " s in the future; Braeburn allows "
          + TokenInspector.CLOCK_SKEW_SECONDS + " s of clock skew (is the client's clock ahead?)"));
      return false;
    }
    findings.add(Finding.passed("iat", "issued " + (now - iat) + " s ago"));
    return true;
  }

  private boolean lifetime(long exp, Long iat, TokenScope scope) {
    boolean longLived = scope.allowsLongLifetime();
    long limit = longLived ? TokenInspector.LONG_LIFETIME_SECONDS : surface.maxLifetimeSeconds();
    String why = longLived ? " (six months: a GET-only scope on long-lived resources)"
        : surface == ApiSurface.APP_STORE_SERVER ? " (60 minutes for the App Store Server API; Apple's libraries mint 5-minute tokens)"
        : exp - now > TokenInspector.MAX_LIFETIME_SECONDS && scope.restricted()
            ? " (six months only for scopes of GET entries on Xcode Cloud and metrics resources; this scope is not one)" : "";
    if (exp - now > limit) {
      findings.add(Finding.failed("lifetime", "exp is " + (exp - now) + " s after now; the limit is " + limit + " s" + why));
      return false;
    }
    if (iat != null && exp - iat > limit) {
      findings.add(Finding.failed("lifetime", "exp - iat is " + (exp - iat) + " s; the limit is " + limit + " s" + why));
      return false;
    }
    findings.add(Finding.passed("lifetime", (iat == null ? "exp - now is " + (exp - now) : "exp - iat is " + (exp - iat))
        + " s; the limit is " + limit + " s" + why));
    return true;
  }
}
