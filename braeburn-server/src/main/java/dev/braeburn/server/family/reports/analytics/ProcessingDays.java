package dev.braeburn.server.family.reports.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When Braeburn processes analytics: once a day at {@value #HOUR}:00 Pacific time, the processing
 * date being that Pacific day. A new request's first processing is the first such time at least a
 * day after it was made, so its first instances appear 24–48 hours after the request (Apple's
 * "1–2 days", reports-webhooks.md §1.6).
 */
final class ProcessingDays {
  static final int HOUR = 6;
  static final Duration FIRST_DELAY = Duration.ofHours(24);

  private ProcessingDays() {}

  /** The moment of processing on {@code date}. */
  static Instant at(LocalDate date) {
    return date.atTime(LocalTime.of(HOUR, 0)).atZone(AnalyticsTypes.PACIFIC).toInstant();
  }

  /** The first processing at least {@code delay} after {@code from}. */
  static Instant first(Instant from, Duration delay) {
    ZonedDateTime earliest = from.plus(delay).atZone(AnalyticsTypes.PACIFIC);
    LocalDate date = earliest.toLocalDate();
    Instant candidate = at(date);
    return candidate.isBefore(earliest.toInstant()) ? at(date.plusDays(1)) : candidate;
  }

  /** The Pacific day of an instant. */
  static LocalDate dateOf(Instant instant) {
    return instant.atZone(AnalyticsTypes.PACIFIC).toLocalDate();
  }
}
