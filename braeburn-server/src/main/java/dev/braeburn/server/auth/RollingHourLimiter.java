package dev.braeburn.server.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App Store Connect's request limit: per API key, a rolling hour — what remains is the limit minus
 * the requests of the previous 60 minutes (protocol.md §3). Counted in one-second buckets, so the
 * window is exact to the second and costs O(1) per request and 14 KB per active key. Refused
 * requests do not count. In memory: one instance's view (issue 4 shares it across instances).
 */
public final class RollingHourLimiter {
  static final int WINDOW_SECONDS = 3600;

  /** The outcome for one request: allowed or not, and what the {@code X-Rate-Limit} header reports. */
  public record Verdict(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    /** Apple's header value, semicolon-terminated pairs: {@code user-hour-lim:3600;user-hour-rem:3599;}. */
    public String header() {
      return "user-hour-lim:" + limit + ";user-hour-rem:" + remaining + ";";
    }
  }

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** Counts a request of {@code keyId} at {@code now} against {@code limit} (which must be positive). */
  public Verdict acquire(String keyId, int limit, Instant now) {
    Window window = windows.computeIfAbsent(keyId, k -> new Window());
    synchronized (window) {
      long second = now.getEpochSecond();
      window.advanceTo(second);
      if (window.total >= limit) {
        return new Verdict(false, limit, 0, window.secondsUntilOldestLeaves(second));
      }
      window.counts[(int) Math.floorMod(second, (long) WINDOW_SECONDS)]++;
      window.total++;
      return new Verdict(true, limit, limit - window.total, 0);
    }
  }

  /** Forgets a key's history (e.g. after an admin changes its limit). */
  public void reset(String keyId) {
    windows.remove(keyId);
  }

  private static final class Window {
    final int[] counts = new int[WINDOW_SECONDS];
    long last = Long.MIN_VALUE;
    int total;

    /** Empties the buckets of seconds that left the window since the last request. */
    void advanceTo(long second) {
      if (last == Long.MIN_VALUE || second - last >= WINDOW_SECONDS) {
        java.util.Arrays.fill(counts, 0);
        total = 0;
      } else {
        for (long s = last + 1; s <= second; s++) {
          int i = (int) Math.floorMod(s, (long) WINDOW_SECONDS);
          total -= counts[i];
          counts[i] = 0;
        }
      }
      last = Math.max(last, second);
    }

    long secondsUntilOldestLeaves(long now) {
      for (long s = now - WINDOW_SECONDS + 1; s <= now; s++) {
        if (counts[(int) Math.floorMod(s, (long) WINDOW_SECONDS)] > 0) {
          return s + WINDOW_SECONDS - now;
        }
      }
      return 1;
    }
  }
}
