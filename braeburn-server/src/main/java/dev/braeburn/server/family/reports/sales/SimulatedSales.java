package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.ModelProduct;
import dev.braeburn.server.family.reports.model.ProductKind;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords.ProductionSale;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Purchases made through the purchase simulator in the Production environment, added to the usage
 * model's days as {@link PurchaseRow}s beside the model's own: Apple's sales reports count every
 * production sale, so what the App Store Server API shows and what the reports count agree
 * (docs/purchases.md "Sales reports"). The model itself stays a pure function of app and date; the
 * store is read once per request, before the days are computed.
 */
final class SimulatedSales {
  /** [INFER] The simulator does not say which device bought; reports need one. */
  static final String DEVICE = "iPhone";

  private final EngineServices services;

  SimulatedSales(EngineServices services) {
    this.services = services;
  }

  /** The model's days of {@code vendor}'s apps with their Production purchases added; {@code model} itself when there are none. */
  Vendor.Days over(String teamId, Vendor vendor, Vendor.Days model) {
    Map<String, List<ProductionSale>> byApp = services.store().read(teamId, tx -> {
      Map<String, List<ProductionSale>> out = new HashMap<>();
      for (Vendor.App app : vendor.apps()) {
        List<ProductionSale> sales = PurchaseRecords.productionSales(tx, app.model().appId(), PacificTime.ZONE);
        if (!sales.isEmpty()) {
          out.put(app.model().appId(), sales);
        }
      }
      return out;
    });
    if (byApp.isEmpty()) {
      return model;
    }
    return (app, date) -> {
      AppDay day = model.day(app, date);
      List<PurchaseRow> added = new ArrayList<>();
      for (ProductionSale sale : byApp.getOrDefault(app.appId(), List.of())) {
        if (sale.day().equals(date)) {
          product(day.app(), sale.productId()).ifPresent(product -> added.add(row(product, sale)));
        }
      }
      if (added.isEmpty()) {
        return day;
      }
      List<PurchaseRow> purchases = new ArrayList<>(day.purchases());
      purchases.addAll(added);
      return new AppDay(day.app(), day.date(), day.usage(), List.copyOf(purchases), day.subscriptionStates(),
          day.subscriptionEvents());
    };
  }

  private static java.util.Optional<ModelProduct> product(ModelApp app, String productId) {
    return app.products().stream().filter(p -> p.productId().equals(productId)).findFirst();
  }

  /** One sale as a row: its own price and currency; a refund is a refunded unit (reports write it as negative units). */
  private static PurchaseRow row(ModelProduct product, ProductionSale sale) {
    String territory = Storefronts.alpha2(sale.storefront());
    int scale = Pricing.customerPrice(BigDecimal.ONE, territory).scale(); // 0 in currencies without cents, as the model writes them
    BigDecimal price = BigDecimal.valueOf(sale.price(), 3).setScale(scale, RoundingMode.HALF_EVEN);
    BigDecimal proceeds = Pricing.proceedsOfPrice(price, territory);
    long units = Math.max(0, sale.units());
    long refunds = Math.max(0, -sale.units());
    long net = units - refunds;
    String subscription = product.kind() != ProductKind.AUTO_RENEWABLE_SUBSCRIPTION ? "" : sale.renewal() ? "Renewal" : "New";
    Audience audience = new Audience(territory, DEVICE, "", "", "", "", "", "", "");
    return new PurchaseRow(audience, product, "Paid", subscription, units, refunds, 1, sale.currency(), price,
        sale.currency(), proceeds, Pricing.usd(price.multiply(BigDecimal.valueOf(net)), sale.currency()),
        Pricing.usd(proceeds.multiply(BigDecimal.valueOf(net)), sale.currency()));
  }
}
