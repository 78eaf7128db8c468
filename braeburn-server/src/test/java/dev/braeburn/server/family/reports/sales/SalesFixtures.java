package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.ModelProduct;
import dev.braeburn.server.family.reports.model.ModelTuning;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.reports.model.ProductKind;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.reports.model.SubscriptionEventRow;
import dev.braeburn.server.family.reports.model.SubscriptionStateRow;
import dev.braeburn.server.family.reports.model.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made model days for the file writers' unit tests: small, with every kind of row. */
final class SalesFixtures {
  static final ModelProduct TIP = new ModelProduct("6752100103", "com.example.tip", "Tip Jar", ProductKind.CONSUMABLE,
      new BigDecimal("0.99"), null, null, null);
  static final ModelProduct MONTHLY = new ModelProduct("6752100301", "com.example.plus.monthly", "Plus Monthly",
      ProductKind.AUTO_RENEWABLE_SUBSCRIPTION, new BigDecimal("4.99"), "21580417", "Plus", "1 Month");
  static final ModelApp PAID = app("1600000001", "TIDE-1", new BigDecimal("2.99"));
  static final ModelApp FREE = app("1600000002", "LEDGER-1", BigDecimal.ZERO);

  private SalesFixtures() {}

  static ModelApp app(String id, String sku, BigDecimal price) {
    return new ModelApp(id, "App " + id, sku, "com.example." + id, price, List.of(TIP, MONTHLY),
        new ModelTuning(7, LocalDate.of(2023, 1, 1), 100, Map.of("US", 1.0), price), "f-" + id);
  }

  static Audience audience(String territory, String device) {
    return new Audience(territory, device, "iOS 18.1", "2.1", "App Store search", "", "", "Product page", "");
  }

  static UsageRow usage(Audience who, long firstTime, long redownloads, long manualUpdates, long autoUpdates, long restores) {
    long[] counts = new long[Measure.values().length];
    counts[Measure.FIRST_TIME_DOWNLOADS.ordinal()] = firstTime;
    counts[Measure.REDOWNLOADS.ordinal()] = redownloads;
    counts[Measure.MANUAL_UPDATES.ordinal()] = manualUpdates;
    counts[Measure.AUTO_UPDATES.ordinal()] = autoUpdates;
    counts[Measure.RESTORES.ordinal()] = restores;
    counts[Measure.IMPRESSIONS.ordinal()] = 1000;
    return new UsageRow(who, counts);
  }

  static PurchaseRow purchase(Audience who, ModelProduct product, String subscription, long units, long refunds) {
    String territory = who.territory();
    BigDecimal price = Pricing.customerPrice(product.priceUsd(), territory);
    BigDecimal proceeds = Pricing.proceedsPerUnit(product.priceUsd(), territory);
    String currency = Pricing.currency(territory);
    return new PurchaseRow(who, product, "Credit card", subscription, units, refunds, units,
        currency, price, currency, proceeds,
        Pricing.usd(price.multiply(BigDecimal.valueOf(units - refunds)), currency),
        Pricing.usd(proceeds.multiply(BigDecimal.valueOf(units - refunds)), currency));
  }

  /**
   * A day of {@code app}: downloads in the US (iPhone, iPad), Germany and Japan, a Mac update, a
   * tip sold with one refund and a subscription, New and Renewal; {@code scale} multiplies the counts
   * so days differ.
   */
  static AppDay day(ModelApp app, LocalDate date, int scale) {
    List<UsageRow> usage = new ArrayList<>();
    usage.add(usage(audience("US", "iPhone"), 10L * scale, 3, 2, 20, 1));
    usage.add(usage(audience("US", "iPad"), 4L * scale, 1, 0, 5, 0));
    usage.add(usage(audience("DE", "iPhone"), 6L * scale, 0, 1, 3, 0));
    usage.add(usage(audience("JP", "iPhone"), 2L * scale, 0, 0, 0, 0));
    usage.add(usage(audience("US", "Desktop"), 0, 0, 1, 0, 0));
    List<PurchaseRow> purchases = List.of(
        purchase(audience("US", "iPhone"), TIP, "", 5L * scale, 1),
        purchase(audience("DE", "iPhone"), TIP, "", 2, 0),
        purchase(audience("US", "iPhone"), MONTHLY, "New", 3, 0),
        purchase(audience("US", "iPhone"), MONTHLY, "Renewal", 4L * scale, 1));
    List<SubscriptionStateRow> states = List.of(new SubscriptionStateRow(MONTHLY, "US", "iPhone", "USD",
        new BigDecimal("4.99"), "USD", new BigDecimal("3.49"), 40, 5, 0, 0, 2, 1, 48));
    List<SubscriptionEventRow> events = List.of(
        new SubscriptionEventRow(MONTHLY, "Subscribe", "US", "iPhone", "", "", 1, date, "", 3),
        new SubscriptionEventRow(MONTHLY, "Cancel", "US", "iPhone", "", "", 4, date.minusMonths(4), "Other", 1));
    return new AppDay(app, date, usage, purchases, states, events);
  }

  /** Every app's day as {@link #day}, scaled by the day of the month. */
  static Vendor.Days days() {
    return (app, date) -> day(app, date, date.getDayOfMonth());
  }

  static Vendor vendor() {
    return new Vendor("81234567", "Tidewater Labs", List.of(new Vendor.App(PAID, "Weather"), new Vendor.App(FREE, "Finance")));
  }
}
