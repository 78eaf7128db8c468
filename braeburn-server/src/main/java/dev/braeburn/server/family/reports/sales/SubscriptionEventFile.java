package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.SubscriptionEventRow;
import java.util.List;

/**
 * SUBSCRIPTION_EVENT / SUMMARY / DAILY (reports-webhooks.md §2.3): subscription events of the day
 * by kind, offer, country and device, with their Quantity. Columns the model has nothing for
 * (marketing opt-in, previous subscription, days canceled …) are empty.
 */
final class SubscriptionEventFile implements SalesFile {
  static final List<String> COLUMNS = List.of(
      "Event Date", "Event", "App Name", "App Apple ID", "Subscription Name", "Subscription Apple ID",
      "Subscription Group ID", "Standard Subscription Duration", "Subscription Offer Type",
      "Subscription Offer Duration", "Marketing Opt-In", "Marketing Opt-In Duration", "Preserved Pricing",
      "Proceeds Reason", "Subscription Offer Name", "Promotional Offer ID", "Consecutive Paid Periods",
      "Original Start Date", "Device", "Client", "State", "Country", "Previous Subscription Name",
      "Previous Subscription Apple ID", "Days Before Canceling", "Cancellation Reason", "Days Canceled", "Quantity",
      "Paid Service Days Recovered");

  @Override
  public TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    SummedRows lines = new SummedRows();
    for (Vendor.App app : vendor.apps()) {
      for (SubscriptionEventRow e : days.day(app.model(), period.first()).subscriptionEvents()) {
        TsvTable.Row row = SubscriptionColumns.identify(table.row(), app.model(), e.subscription())
            .set("Event Date", SubscriptionColumns.day(period.first()))
            .set("Event", e.event())
            .set("Subscription Offer Type", e.offerType())
            .set("Subscription Offer Duration", e.offerDuration())
            .set("Consecutive Paid Periods", e.consecutivePaidPeriods())
            .set("Original Start Date", SubscriptionColumns.day(e.originalStartDate()))
            .set("Device", e.device())
            .set("Country", e.territory())
            .set("Cancellation Reason", e.cancellationReason());
        lines.add(row, e.quantity());
      }
    }
    lines.write((row, quantity) -> row.set("Quantity", quantity));
    return table;
  }

  @Override
  public String fileName(Vendor vendor, ReportPeriod period) {
    return SubscriptionColumns.dailyName("Subscription_Event", vendor, period);
  }
}
