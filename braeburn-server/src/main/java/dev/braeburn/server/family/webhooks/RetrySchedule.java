package dev.braeburn.server.family.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again, on the virtual clock. Apple does not document its retry
 * count, backoff or timeout (reports-webhooks.md §4.5); this schedule is Braeburn's: after the
 * first attempt fails, retries follow 1 min, 5 min, 30 min, 2 h, 6 h and 12 h later — seven
 * attempts over about 20.6 hours — and then the delivery stays FAILED.
 */
final class RetrySchedule {
  static final List<Duration> DELAYS = List.of(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12));

  private RetrySchedule() {}

  /** How long after failed attempt {@code attempt} (1-based) the next one runs; empty once attempts are used up. */
  static Optional<Duration> after(int attempt) {
    return attempt >= 1 && attempt <= DELAYS.size() ? Optional.of(DELAYS.get(attempt - 1)) : Optional.empty();
  }

  static int maxAttempts() {
    return DELAYS.size() + 1;
  }
}
