package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.ModelProduct;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The columns naming app and subscription that the subscription files share (reports-webhooks.md §2.3). */
final class SubscriptionColumns {
  private SubscriptionColumns() {}

  static TsvTable.Row identify(TsvTable.Row row, ModelApp app, ModelProduct subscription) {
    return row.set("App Name", app.name())
        .set("App Apple ID", app.appId())
        .set("Subscription Name", subscription.name())
        .set("Subscription Apple ID", subscription.appleId())
        .set("Subscription Group ID", subscription.groupId())
        .set("Standard Subscription Duration", subscription.duration());
  }

  /** Subscription files write days as YYYY-MM-DD, unlike the summary sales file (§2.3). */
  static String day(LocalDate date) {
    return date == null ? "" : date.format(DateTimeFormatter.ISO_LOCAL_DATE);
  }

  static String dailyName(String prefix, Vendor vendor, ReportPeriod period) {
    return prefix + "_" + vendor.number() + "_" + period.frequency().fileDate(period) + ".txt.gz";
  }
}
