package dev.braeburn.server.family.reports.simulated;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.ModelProduct;
import dev.braeburn.server.family.reports.model.ProductKind;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords.ProductionSale;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A Production sale of the purchase simulator as a {@link PurchaseRow} beside the model's own
 * (docs/purchases.md "Reports"): its own price and currency; a refund is a refunded unit (reports
 * write it as negative units).
 */
final class SimulatedPurchases {
  /** [INFER] The simulator does not say which device bought; reports need one. */
  static final String DEVICE = "iPhone";

  private SimulatedPurchases() {}

  static PurchaseRow row(ModelProduct product, ProductionSale sale) {
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
