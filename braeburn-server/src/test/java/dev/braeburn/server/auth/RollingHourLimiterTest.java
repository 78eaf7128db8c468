package dev.braeburn.server.auth;

/** The in-memory rolling hour of one instance (SQLite deployments). */
class RollingHourLimiterTest extends RateLimiterContract {
  private final RollingHourLimiter limiter = new RollingHourLimiter();

  @Override
  protected RateLimiter limiter() {
    return limiter;
  }
}
