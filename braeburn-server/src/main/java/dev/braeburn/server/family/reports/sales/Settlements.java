package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What finance reports settle (reports-webhooks.md §3): every earning item of every app on every
 * day of a fiscal month — paid downloads and in-app sales, refunds as returns — with the finance
 * region it is paid in and the partner share per unit in that region's currency. Free downloads,
 * redownloads and updates earn nothing and are not settled.
 */
final class Settlements {
  /** One settled item. */
  record Settlement(LocalDate date, Vendor.App app, SaleItem item, String region, String currency, BigDecimal share) {
    String salesOrReturn() {
      return item.refund() ? "R" : "S";
    }
  }

  @FunctionalInterface
  interface Sink {
    void accept(Settlement settlement);
  }

  private Settlements() {}

  static void each(Vendor vendor, FiscalMonth month, Vendor.Days days, Sink sink) {
    vendor.eachDay(month.days(), days, (date, app, day) -> {
      for (SaleItem item : SaleItem.of(day)) {
        if (item.earning()) {
          String region = Pricing.financeRegion(item.territory());
          String currency = Pricing.regionCurrency(region);
          sink.accept(new Settlement(date, app, item, region, currency,
              RegionMoney.convert(item.proceeds(), item.proceedsCurrency(), currency)));
        }
      }
    });
  }
}
