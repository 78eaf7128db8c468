package dev.braeburn.client.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header in the three shapes met in the wild: delta seconds (RFC 9110),
 * an HTTP date (RFC 9110), and epoch milliseconds, which Apple's App Store Server API sends on its
 * 429s. A whole number too large to be a sane number of seconds is taken as epoch milliseconds.
 */
public final class RetryAfter {
  /** Above this a number is not seconds (over 3 years) but an instant in epoch milliseconds. */
  private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000L;

  private RetryAfter() {}

  /** How long to wait from {@code now}; empty when absent or unreadable; never negative. */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        return Optional.empty();
      }
      if (number > EPOCH_MILLIS_THRESHOLD) {
        return Optional.of(nonNegative(Duration.between(now, Instant.ofEpochMilli(number))));
      }
      return Optional.of(Duration.ofSeconds(number));
    } catch (NumberFormatException notANumber) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(now, at)));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
