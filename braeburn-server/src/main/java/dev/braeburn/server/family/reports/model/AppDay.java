package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything that happened for one app on one day (Pacific time, as Apple's reports count days).
 * Every analytics file, sales and finance line and the metrics summary is an aggregation of these
 * rows, so their totals agree. Deterministic: the same app, tuning and date give equal rows in
 * equal order.
 */
public record AppDay(
    ModelApp app, LocalDate date, List<UsageRow> usage, List<PurchaseRow> purchases,
    List<SubscriptionStateRow> subscriptionStates, List<SubscriptionEventRow> subscriptionEvents) {

  /** Sum of one measure over the day's usage rows. */
  public long total(Measure measure) {
    long sum = 0;
    for (UsageRow row : usage) {
      sum += row.get(measure);
    }
    return sum;
  }
}
