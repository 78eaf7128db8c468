package dev.braeburn.client.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When and how long to retry: 429 and 5xx answers always (App Store Connect's documented advice for
 * rate limits and outages; fastlane does the same), an {@link java.io.IOException} only for
 * idempotent methods (a POST that may have landed must not be sent twice). Waits grow exponentially
 * from {@code baseDelay} with "equal jitter" (half the capped exponential plus a random share of
 * the other half: the wait still grows, yet clients hit by the same outage do not come back in step), never beyond {@code maxDelay}; a
 * {@code Retry-After} the server sends wins, also capped.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final DoubleSupplier random;

  private RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.random = random;
  }

  /** 5 attempts, from 1 s doubling up to 60 s, with jitter. */
  public static RetryPolicy defaults() {
    return of(5, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** One attempt: errors surface at once. */
  public static RetryPolicy none() {
    return of(1, Duration.ZERO, Duration.ZERO);
  }

  public static RetryPolicy of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, Math::random);
  }

  /** The same policy with another source of jitter in [0, 1); {@code () -> 1.0} gives the full exponential, {@code () -> 0.0} half of it. */
  public RetryPolicy withJitter(DoubleSupplier random) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, Objects.requireNonNull(random));
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /** Whether an answer with this status is worth another attempt. */
  public static boolean retryableStatus(int status) {
    return status == 429 || status >= 500 && status <= 599;
  }

  /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * The wait after attempt {@code attempt} (1-based) failed: the server's {@code Retry-After} when
   * given, else {@code e/2 + random × e/2} with {@code e = min(maxDelay, baseDelay × 2^(attempt−1))}; both capped at {@code maxDelay}.
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return min(retryAfter.get(), maxDelay);
    }
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long exponentialMillis = baseDelay.toMillis() << shift;
    if (exponentialMillis < 0 || exponentialMillis > maxDelay.toMillis()) {
      exponentialMillis = maxDelay.toMillis();
    }
    double share = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    long half = exponentialMillis / 2;
    return Duration.ofMillis(half + Math.round((exponentialMillis - half) * share));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
