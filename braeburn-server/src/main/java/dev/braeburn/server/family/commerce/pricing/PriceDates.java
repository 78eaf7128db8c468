package dev.braeburn.server.family.commerce.pricing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar of prices: a price's {@code startDate}/{@code endDate} are days in Pacific time, the
 * day the App Store's sales reports use (reports-webhooks.md) [INFER: Apple does not say which time
 * zone a price change starts in]; {@code endDate} is the first day the price no longer applies [INFER].
 */
public final class PriceDates {
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private PriceDates() {}

  static LocalDate today(Clock clock) {
    return dayOf(clock.instant());
  }

  /**
   * The price calendar's day at an instant: the purchase side charges the price whose Pacific
   * {@code startDate} has come, so a change starting "tomorrow" is not charged at 23:30 UTC when it
   * is still today in California.
   */
  public static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, PACIFIC);
  }

  /** A date attribute, or null when absent or null. */
  static LocalDate date(com.fasterxml.jackson.databind.JsonNode attributes, String name) {
    com.fasterxml.jackson.databind.JsonNode v = attributes == null ? null : attributes.get(name);
    return v == null || v.isNull() ? null : LocalDate.parse(v.asText());
  }
}
