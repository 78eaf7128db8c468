package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;

/**
 * Prices (docs/commerce/pricing.md): price points of every storefront computed from Apple's ladder
 * and equalization ({@link PricePoints}), in-app purchase price schedules with manual and automatic
 * prices ({@link PriceSchedules}), subscription prices with scheduled changes ({@link SubscriptionPrices}),
 * and the store's current price of a product for the usage model and the reports ({@link StorePrices}).
 */
public final class PricingFamily implements Family {
  @Override
  public void install(FamilyContext context) {
    new PricePoints(context).install();
    new PriceSchedules(context).install();
    new SubscriptionPrices(context).install();
  }
}
