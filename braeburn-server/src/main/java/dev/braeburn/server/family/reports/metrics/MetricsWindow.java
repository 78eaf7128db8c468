package dev.braeburn.server.family.reports.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days power and performance metrics and diagnostics summarise: the 30 Pacific days before
 * today on the virtual clock — the same days as the metrics summary's default period, so
 * {@code GET /_braeburn/metrics/apps/{id}} without parameters shows the model numbers they are
 * derived from. Apple does not publish its aggregation period (inferred).
 */
record MetricsWindow(LocalDate from, LocalDate to) {
  static final int DAYS = 30;
  /** Apple's reporting days are Pacific days (reports-webhooks.md §2.1). */
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  static MetricsWindow before(Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(PACIFIC));
    return new MetricsWindow(today.minusDays(DAYS), today.minusDays(1));
  }
}
