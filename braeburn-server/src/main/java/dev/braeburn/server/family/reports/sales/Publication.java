package dev.braeburn.server.family.reports.sales;

import java.time.Instant;

/** When a Sales and Trends report can be downloaded, on the virtual clock (reports-webhooks.md §2.1). */
final class Publication {
  private Publication() {}

  static Instant publishedAt(ReportPeriod period) {
    return PacificTime.publishedOn(period.frequency().publishedOn(period));
  }

  static boolean published(ReportPeriod period, Instant now) {
    return !now.isBefore(publishedAt(period));
  }

  /** Past its retention: daily, weekly and monthly reports go a year after they appear. */
  static boolean gone(ReportPeriod period, Instant now) {
    var until = period.frequency().keptUntil(period);
    return until != null && PacificTime.today(now).isAfter(until);
  }

  /** The newest period of {@code frequency} already published at {@code now}: what an omitted reportDate means. */
  static ReportPeriod latest(Frequency frequency, Instant now) {
    ReportPeriod period = frequency.containing(PacificTime.today(now));
    while (!published(period, now)) {
      period = period.previous();
    }
    return period;
  }
}
