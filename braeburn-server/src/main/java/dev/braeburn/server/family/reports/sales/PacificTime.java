package dev.braeburn.server.family.reports.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Sales and Trends count days in Pacific time and publish by 8 a.m. PT (reports-webhooks.md §2.1,
 * "Availability/retention"); the finance calendar is read the same way.
 */
final class PacificTime {
  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final LocalTime PUBLISHED = LocalTime.of(8, 0);

  private PacificTime() {}

  static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZONE);
  }

  /** 8 a.m. Pacific on {@code day}: when a report due that day appears. */
  static Instant publishedOn(LocalDate day) {
    return day.atTime(PUBLISHED).atZone(ZONE).toInstant();
  }
}
