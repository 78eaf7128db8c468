package dev.braeburn.server.auth;

import java.time.Instant;

/**
 * App Store Connect's request limit: per API key, a rolling hour — what remains is the limit minus
 * the requests of the previous 60 minutes (protocol.md §3). Refused requests do not count. One
 * instance counts in memory ({@link RollingHourLimiter}); instances sharing a PostgreSQL database
 * count in it, so a key's hour is the same whichever instance a request reaches.
 */
public interface RateLimiter {
  int WINDOW_SECONDS = 3600;

  /** The outcome for one request: allowed or not, and what the {@code X-Rate-Limit} header reports. */
  record Verdict(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    /** Apple's header value, semicolon-terminated pairs: {@code user-hour-lim:3600;user-hour-rem:3599;}. */
    public String header() {
      return "user-hour-lim:" + limit + ";user-hour-rem:" + remaining + ";";
    }
  }

  /** Counts a request of {@code keyId} at {@code now} against {@code limit} (which must be positive). */
  Verdict acquire(String keyId, int limit, Instant now);

  /** Forgets a key's history (e.g. after an admin changes its limit). */
  void reset(String keyId);
}
