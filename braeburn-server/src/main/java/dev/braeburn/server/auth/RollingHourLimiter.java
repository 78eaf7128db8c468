package dev.braeburn.server.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rolling hour of {@link RateLimiter} for one instance, in one-second buckets: exact to the
 * second, O(1) per request and 14 KB per active key. Used with SQLite, whose database belongs to
 * one process.
 */
public final class RollingHourLimiter implements RateLimiter {
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  @Override
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

  @Override
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
