package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.ProductKind;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import java.time.LocalDate;
import java.util.List;

/**
 * SUBSCRIBER / DETAILED / DAILY (reports-webhooks.md §2.3): one line per auto-renewable
 * subscription purchase of the day, with an anonymous Subscriber ID; a refund is a line marked
 * Refund "Yes" with a negative Customer Price. Subscriber IDs are derived from the purchase's
 * place in the model's day, so the same day always gives the same IDs.
 */
final class SubscriberFile implements SalesFile {
  static final List<String> COLUMNS = List.of(
      "Event Date", "App Name", "App Apple ID", "Subscription Name", "Subscription Apple ID", "Subscription Group ID",
      "Standard Subscription Duration", "Subscription Offer Name", "Promotional Offer ID", "Subscription Offer Type",
      "Subscription Offer Duration", "Marketing Opt-In Duration", "Customer Price", "Customer Currency",
      "Developer Proceeds", "Proceeds Currency", "Preserved Pricing", "Proceeds Reason", "Client", "Device", "Country",
      "Subscriber ID", "Subscriber ID Reset", "Refund", "Purchase Date", "Units");

  @Override
  public TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    LocalDate date = period.first();
    for (Vendor.App app : vendor.apps()) {
      List<PurchaseRow> purchases = days.day(app.model(), date).purchases();
      for (int p = 0; p < purchases.size(); p++) {
        PurchaseRow purchase = purchases.get(p);
        if (purchase.product().kind() != ProductKind.AUTO_RENEWABLE_SUBSCRIPTION) {
          continue;
        }
        for (long n = 0; n < purchase.units() + purchase.refunds(); n++) {
          boolean refund = n >= purchase.units();
          SubscriptionColumns.identify(table.row(), app.model(), purchase.product())
              .set("Event Date", SubscriptionColumns.day(date))
              .set("Customer Price", TsvTable.amount(refund ? purchase.customerPrice().negate() : purchase.customerPrice()))
              .set("Customer Currency", purchase.customerCurrency())
              .set("Developer Proceeds", TsvTable.amount(purchase.proceedsPerUnit()))
              .set("Proceeds Currency", purchase.proceedsCurrency())
              .set("Device", purchase.audience().device())
              .set("Country", purchase.audience().territory())
              .set("Subscriber ID", subscriberId(app.model().appId() + "/" + date + "/" + p + "/" + n))
              .set("Refund", refund ? "Yes" : "")
              .set("Purchase Date", SubscriptionColumns.day(date))
              .set("Units", 1)
              .add();
        }
      }
    }
    return table;
  }

  /** A 16-digit number standing for one subscriber, stable for the same purchase. */
  static String subscriberId(String purchase) {
    return StableNumbers.of(purchase, 16, 1);
  }

  @Override
  public String fileName(Vendor vendor, ReportPeriod period) {
    return SubscriptionColumns.dailyName("Subscriber", vendor, period);
  }
}
