package dev.braeburn.server.family.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again, on the virtual clock: the delays after each failed
 * attempt, in order; once they are used up the delivery stays failed. {@link #WEBHOOKS} is
 * Braeburn's own schedule for App Store Connect webhooks: Apple does not document its retry count,
 * backoff or timeout (reports-webhooks.md §4.5), so after the first attempt fails, retries follow
 * 1 min, 5 min, 30 min, 2 h, 6 h and 12 h later — seven attempts over about 20.6 hours. Other
 * notifications (App Store Server Notifications V2) bring their own documented delays.
 */
public record RetrySchedule(List<Duration> delays) {
  public static final RetrySchedule WEBHOOKS = new RetrySchedule(List.of(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12)));

  public RetrySchedule {
    delays = List.copyOf(delays);
  }

  /** How long after failed attempt {@code attempt} (1-based) the next one runs; empty once attempts are used up. */
  public Optional<Duration> after(int attempt) {
    return attempt >= 1 && attempt <= delays.size() ? Optional.of(delays.get(attempt - 1)) : Optional.empty();
  }

  public int maxAttempts() {
    return delays.size() + 1;
  }
}
