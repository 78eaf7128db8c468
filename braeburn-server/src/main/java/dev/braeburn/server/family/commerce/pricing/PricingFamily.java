package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.family.ProductChanges;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;

/**
 * Prices (docs/commerce/pricing.md): price points of every storefront computed from Apple's ladder
 * and equalization ({@link PricePoints}), app and in-app purchase price schedules with manual and automatic
 * prices ({@link PriceSchedules}, one mechanism for both), subscription prices with scheduled changes ({@link SubscriptionPrices}),
 * and the store's current price of an app or product for the usage model and the reports ({@link StorePrices}).
 */
public final class PricingFamily implements Family {
  private final ProductChanges products;

  /** {@code products}: told in the same transaction when a product's price schedule or prices change (its readiness). */
  public PricingFamily(ProductChanges products) {
    this.products = products;
  }

  public PricingFamily() {
    this(ProductChanges.NONE);
  }

  @Override
  public void install(FamilyContext context) {
    new PricePoints(context).install();
    for (ScheduleKind kind : ScheduleKind.values()) {
      new PriceSchedules(context, kind, products).install();
    }
    new SubscriptionPrices(context, products).install();
  }

  /** Loaded prices (a seed) keep their point where the API's own writes do ({@link LoadedPrices}). */
  @Override
  public void afterLoad(dev.braeburn.server.store.StoreTx tx, java.util.List<dev.braeburn.server.store.Resource> loaded) {
    LoadedPrices.afterLoad(tx, loaded);
  }
}
