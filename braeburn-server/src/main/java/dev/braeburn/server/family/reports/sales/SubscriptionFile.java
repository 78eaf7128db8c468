package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.SubscriptionStateRow;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIPTION / SUMMARY / DAILY (reports-webhooks.md §2.3): active subscriptions at the end of
 * the day per subscription, price, device and country. Version 1_4 adds the three win-back
 * columns (the model grants no win-back offers, so they are 0); 1_3 is the same without them.
 * The offer counters the model does not distinguish (promotional, offer code) are 0.
 */
final class SubscriptionFile implements SalesFile {
  static final List<String> COLUMNS_1_3 = List.of(
      "App Name", "App Apple ID", "Subscription Name", "Subscription Apple ID", "Subscription Group ID",
      "Standard Subscription Duration", "Subscription Offer Name", "Promotional Offer ID", "Customer Price",
      "Customer Currency", "Developer Proceeds", "Proceeds Currency", "Preserved Pricing", "Proceeds Reason", "Client",
      "Device", "State", "Country", "Active Standard Price Subscriptions",
      "Active Free Trial Introductory Offer Subscriptions", "Active Pay Up Front Introductory Offer Subscriptions",
      "Active Pay As You Go Introductory Offer Subscriptions", "Free Trial Promotional Offer Subscriptions",
      "Pay Up Front Promotional Offer Subscriptions", "Pay As You Go Promotional Offer Subscriptions",
      "Free Trial Offer Code Subscriptions", "Pay Up Front Offer Code Subscriptions",
      "Pay As You Go Offer Code Subscriptions", "Marketing Opt-Ins", "Billing Retry", "Grace Period", "Subscribers");
  static final List<String> WIN_BACK = List.of(
      "Free Trial Win-back Offers", "Pay Up Front Win-back Offers", "Pay As You Go Win-back Offers");

  private final boolean winBack;

  SubscriptionFile(String version) {
    this.winBack = !version.equals("1_3");
  }

  static List<String> columns(boolean winBack) {
    List<String> columns = new ArrayList<>(COLUMNS_1_3);
    if (winBack) {
      columns.addAll(WIN_BACK);
    }
    return columns;
  }

  @Override
  public TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days) {
    TsvTable table = new TsvTable(columns(winBack));
    for (Vendor.App app : vendor.apps()) {
      AppDay day = days.day(app.model(), period.first());
      for (SubscriptionStateRow s : day.subscriptionStates()) {
        TsvTable.Row row = SubscriptionColumns.identify(table.row(), app.model(), s.subscription())
            .set("Customer Price", TsvTable.amount(s.customerPrice()))
            .set("Customer Currency", s.customerCurrency())
            .set("Developer Proceeds", TsvTable.amount(s.proceedsPerUnit()))
            .set("Proceeds Currency", s.proceedsCurrency())
            .set("Device", s.device())
            .set("Country", s.territory())
            .set("Active Standard Price Subscriptions", s.activeStandard())
            .set("Active Free Trial Introductory Offer Subscriptions", s.activeFreeTrial())
            .set("Active Pay Up Front Introductory Offer Subscriptions", s.activePayUpFront())
            .set("Active Pay As You Go Introductory Offer Subscriptions", s.activePayAsYouGo())
            .set("Billing Retry", s.billingRetry())
            .set("Grace Period", s.gracePeriod())
            .set("Subscribers", s.subscribers());
        for (String zero : List.of("Free Trial Promotional Offer Subscriptions", "Pay Up Front Promotional Offer Subscriptions",
            "Pay As You Go Promotional Offer Subscriptions", "Free Trial Offer Code Subscriptions",
            "Pay Up Front Offer Code Subscriptions", "Pay As You Go Offer Code Subscriptions", "Marketing Opt-Ins")) {
          row.set(zero, 0);
        }
        if (winBack) {
          WIN_BACK.forEach(column -> row.set(column, 0));
        }
        row.add();
      }
    }
    return table;
  }

  @Override
  public String fileName(Vendor vendor, ReportPeriod period) {
    return SubscriptionColumns.dailyName("Subscription", vendor, period);
  }
}
