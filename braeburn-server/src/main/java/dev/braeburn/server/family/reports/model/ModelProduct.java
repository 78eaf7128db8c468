package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.ScheduledPrice;
import dev.braeburn.server.family.commerce.pricing.StorePrices;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-app product: {@code appleId} is its resource id (numeric, Apple's "Apple Identifier"),
 * {@code productId} its SKU. Subscriptions carry their group and Apple's "Standard Subscription
 * Duration" wording ({@code 7 Days}, {@code 1 Month}, {@code 2 Months}, {@code 3 Months},
 * {@code 6 Months}, {@code 1 Year}); other kinds have nulls there. {@code prices} are the store's
 * (its price schedule or subscription prices, {@link StorePrices}); {@code priceUsd} is the default
 * when none applies. {@link #on} resolves them for one day: {@code priceUsd} becomes that day's
 * base price and {@code storefrontPrices} the storefronts' own.
 */
public record ModelProduct(
    String appleId, String productId, String name, ProductKind kind, BigDecimal priceUsd,
    String groupId, String groupName, String duration, List<ScheduledPrice> prices, Map<String, BigDecimal> storefrontPrices) {

  public ModelProduct(String appleId, String productId, String name, ProductKind kind, BigDecimal priceUsd,
      String groupId, String groupName, String duration) {
    this(appleId, productId, name, kind, priceUsd, groupId, groupName, duration, List.of(), Map.of());
  }

  /** The dollar price (before equalization) of the product in a storefront, on the day this product was resolved for. */
  public BigDecimal priceUsd(String storefront) {
    return storefrontPrices.getOrDefault(storefront, priceUsd);
  }

  /** The product as it sells on {@code day}: the store's prices in effect then, the default where none is. */
  ModelProduct on(LocalDate day) {
    if (prices.isEmpty()) {
      return this;
    }
    Resolved resolved = resolve(prices, priceUsd, day);
    return new ModelProduct(appleId, productId, name, kind, resolved.base(), groupId, groupName, duration, prices, resolved.storefronts());
  }

  /** Store prices resolved for one day: the base price ({@code fallback} where none applies) and the storefronts' own. */
  record Resolved(BigDecimal base, Map<String, BigDecimal> storefronts) {}

  /** Which of {@code prices} apply on {@code day} (an app's or a product's: the same rule, {@link StorePrices#current}). */
  static Resolved resolve(List<ScheduledPrice> prices, BigDecimal fallback, LocalDate day) {
    if (prices.isEmpty()) {
      return new Resolved(fallback, Map.of());
    }
    ScheduledPrice base = StorePrices.current(prices, null, day);
    Map<String, BigDecimal> own = new HashMap<>();
    for (ScheduledPrice p : prices) {
      if (p.storefront() != null && !own.containsKey(p.storefront())) {
        ScheduledPrice current = StorePrices.current(prices, p.storefront(), day);
        if (current != null) {
          own.put(p.storefront(), current.usd());
        }
      }
    }
    return new Resolved(base == null ? fallback : base.usd(), Map.copyOf(own));
  }
}
