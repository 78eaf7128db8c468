package dev.braeburn.server.auth;

import dev.braeburn.server.jsonapi.ApiError;

/**
 * A request refused after its token was accepted: 403 for the role or the team's agreements, 429
 * for the rate limit. Carries Apple's error for the wire, the precise reason for the diagnosis, and
 * the caller and rate state so the response still gets its {@code X-Rate-Limit} header.
 */
public final class AccessDeniedException extends RuntimeException {
  private final transient ApiError error;
  private final transient Admission admission;

  public AccessDeniedException(ApiError error, String diagnosis, Admission admission) {
    super(diagnosis, null, false, false);
    this.error = error;
    this.admission = admission;
  }

  public ApiError error() {
    return error;
  }

  public Admission admission() {
    return admission;
  }
}
