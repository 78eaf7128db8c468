package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.reports.model.UsageRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing the App Store delivered for one app on one day, as sales and finance files count it:
 * a download, redownload or update of the app, or an in-app product sold or refunded. Refunds have
 * negative {@code units} and {@code customerPrice} and a positive {@code proceeds} per unit
 * (reports-webhooks.md §2.3), so units × proceeds is what the developer nets. The units of a day's
 * items are exactly {@code DayTotals.salesUnits}.
 */
record SaleItem(
    String appleId, String sku, String title, String version, String productType, String parentId,
    String subscription, String period, String territory, String device,
    String customerCurrency, BigDecimal customerPrice, String proceedsCurrency, BigDecimal proceeds, long units) {

  /** Earns money, so it is settled in financial reports; free downloads and updates are not. */
  boolean earning() {
    return proceeds.signum() > 0;
  }

  boolean refund() {
    return units < 0;
  }

  /** Every item of {@code day}, in the model's order: usage rows first, then purchases. */
  static List<SaleItem> of(AppDay day) {
    List<SaleItem> items = new ArrayList<>();
    ModelApp app = day.app();
    for (UsageRow row : day.usage()) {
      Audience who = row.audience();
      String currency = Pricing.currency(who.territory());
      BigDecimal usd = app.priceUsd(who.territory()); // the app's price schedule in that storefront, that day (else the tuning's)
      BigDecimal price = usd.signum() > 0 ? Pricing.customerPrice(usd, who.territory()) : BigDecimal.ZERO;
      BigDecimal proceeds = usd.signum() > 0 ? Pricing.proceedsPerUnit(usd, who.territory()) : BigDecimal.ZERO;
      addApp(items, app, who, ProductTypes.download(who.device()), currency, price, proceeds, row.get(Measure.FIRST_TIME_DOWNLOADS));
      addApp(items, app, who, ProductTypes.redownload(who.device()), currency, BigDecimal.ZERO, BigDecimal.ZERO,
          row.get(Measure.REDOWNLOADS));
      addApp(items, app, who, ProductTypes.update(who.device()), currency, BigDecimal.ZERO, BigDecimal.ZERO,
          row.get(Measure.MANUAL_UPDATES) + row.get(Measure.AUTO_UPDATES));
    }
    for (PurchaseRow p : day.purchases()) {
      if (p.units() != 0) {
        items.add(inApp(app, p, p.units(), p.customerPrice()));
      }
      if (p.refunds() != 0) {
        items.add(inApp(app, p, -p.refunds(), p.customerPrice().negate()));
      }
    }
    return items;
  }

  private static void addApp(List<SaleItem> items, ModelApp app, Audience who, String productType, String currency,
      BigDecimal price, BigDecimal proceeds, long units) {
    if (units != 0) {
      items.add(new SaleItem(app.appId(), app.sku(), app.name(), who.appVersion(), productType, "", "", "",
          who.territory(), who.device(), currency, price, currency, proceeds, units));
    }
  }

  private static SaleItem inApp(ModelApp app, PurchaseRow p, long units, BigDecimal price) {
    var product = p.product();
    return new SaleItem(product.appleId(), product.productId(), product.name(), "",
        ProductTypes.inApp(product.kind(), p.audience().device()), app.sku(), p.subscription() == null ? "" : p.subscription(),
        product.duration() == null ? "" : product.duration(), p.audience().territory(), p.audience().device(),
        p.customerCurrency(), price, p.proceedsCurrency(), p.proceedsPerUnit(), units);
  }
}
