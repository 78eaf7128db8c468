package dev.braeburn.server.auth;

/**
 * A caller let in: who it is, and its rate-limit state after counting this request (null when
 * limits are off for its key, and then no {@code X-Rate-Limit} header is sent).
 */
public record Admission(Principal principal, RateLimiter.Verdict rate) {}
