package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store says an app or a product costs, for the usage model and the sales and finance reports (one
 * source of truth with the API): an app's or in-app purchase's price schedule (its base-territory prices
 * for every storefront without a manual price, and the manual prices of the others), or a
 * subscription's prices (its USA price for every storefront without one of its own [INFER: Apple
 * sells a subscription only where it has a price; the model sells it everywhere at the US price's
 * equalization]). Empty for an app or product without prices: the model then keeps its default price.
 */
public final class StorePrices {
  private StorePrices() {}

  public static List<ScheduledPrice> of(StoreTx tx, String productType, String productId) {
    List<ScheduledPrice> out = new ArrayList<>();
    ScheduleKind schedule = ScheduleKind.ofProduct(productType);
    if (schedule != null && tx.find(schedule.type, productId).isPresent()) {
      String base = PriceSchedules.baseTerritory(tx, schedule, productId);
      for (Resource r : PriceSchedules.manualPrices(tx, schedule, productId)) {
        PricePointId point = PriceSchedules.point(r);
        if (point == null) {
          continue; // loaded without a point: no price the model can read
        }
        out.add(new ScheduledPrice(point.territory().equals(base) ? null : Storefronts.alpha2(point.territory()),
            PriceDates.date(r.attributes(), "startDate"), PriceDates.date(r.attributes(), "endDate"), point.index()));
      }
    } else if (productType.equals(PointKind.SUBSCRIPTION.productType)) {
      for (Resource r : SubscriptionPrices.prices(tx, productId)) {
        PricePointId point = SubscriptionPrices.point(r);
        if (point == null) {
          continue;
        }
        out.add(new ScheduledPrice(point.territory().equals("USA") ? null : Storefronts.alpha2(point.territory()),
            PriceDates.date(r.attributes(), "startDate"), null, point.index()));
      }
    }
    return out;
  }

  /**
   * The price in effect on {@code day} in {@code storefront} (null: the base price): of the prices
   * applying that day, the latest to start; null when none does.
   */
  public static ScheduledPrice current(List<ScheduledPrice> prices, String storefront, LocalDate day) {
    ScheduledPrice best = null;
    for (ScheduledPrice p : prices) {
      boolean here = storefront == null ? p.storefront() == null : storefront.equals(p.storefront());
      if (here && p.appliesOn(day) && (best == null || best.start() == null
          || (p.start() != null && p.start().isAfter(best.start())))) {
        best = p;
      }
    }
    return best;
  }
}
