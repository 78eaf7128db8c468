package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A day's in-app purchases of products that do not renew: units from the day's active devices
 * times the tuning's purchase rate, shared among the products (consumables sell most), split over
 * the {@link Markets}. About 1.5% of units are refunded the same day, at the same price.
 */
final class PurchaseDay {
  static final double REFUND_RATE = 0.015;
  private static final long STREAM_PURCHASES = 4;

  private PurchaseDay() {}

  static List<PurchaseRow> rows(ModelApp app, Demand demand, java.time.LocalDate date, long activeDevices, Markets markets) {
    List<ModelProduct> products = app.products().stream().filter(p -> p.kind() != ProductKind.AUTO_RENEWABLE_SUBSCRIPTION).toList();
    if (products.isEmpty()) {
      return List.of();
    }
    double[] shares = products.stream().mapToDouble(p -> switch (p.kind()) {
      case CONSUMABLE -> 1.0;
      case NON_CONSUMABLE -> 0.5;
      default -> 0.3;
    }).toArray();
    double shareTotal = java.util.Arrays.stream(shares).sum();
    SplittableRandom r = demand.random(date, STREAM_PURCHASES);
    List<PurchaseRow> rows = new ArrayList<>();
    for (int p = 0; p < products.size(); p++) {
      long units = Allocation.round(activeDevices * app.tuning().iapRate() * shares[p] / shareTotal, r);
      ModelProduct product = products.get(p);
      rows.addAll(sell(product, "", units, markets, r, product.kind() == ProductKind.CONSUMABLE ? 0.85 : 1.0));
    }
    return rows;
  }

  /** {@code units} of a product split over the markets, with same-day refunds; rows with no units are left out. */
  static List<PurchaseRow> sell(ModelProduct product, String subscription, long units, Markets markets, SplittableRandom r,
      double payingUsersPerUnit) {
    List<PurchaseRow> rows = new ArrayList<>();
    long[] parts = markets.split(units);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == 0) {
        continue;
      }
      long refunds = Math.min(parts[i], Allocation.round(parts[i] * REFUND_RATE, r));
      long paying = Math.max(1, Math.round(parts[i] * payingUsersPerUnit));
      rows.add(row(markets.all().get(i).audience(), product, subscription, parts[i], refunds, paying));
    }
    return rows;
  }

  static PurchaseRow row(Audience audience, ModelProduct product, String subscription, long units, long refunds, long payingUsers) {
    String territory = audience.territory();
    String currency = Pricing.currency(territory);
    BigDecimal usd = product.priceUsd(territory);
    return new PurchaseRow(audience, product, "Paid", subscription, units, refunds, payingUsers,
        currency, Pricing.customerPrice(usd, territory), currency, Pricing.proceedsPerUnit(usd, territory),
        Pricing.salesUsd(usd, territory, units - refunds), Pricing.proceedsUsd(usd, territory, units - refunds));
  }
}
