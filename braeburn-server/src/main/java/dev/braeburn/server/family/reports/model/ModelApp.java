package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.ScheduledPrice;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An app as the usage and sales model sees it: its identity in the store (the id is Apple's
 * numeric "App Apple Identifier"), its price, the in-app products it sells (its {@code
 * inAppPurchases} and {@code subscriptions} in the store, or products the tuning invents when it has
 * none) and its tuning. The price is the store's, like a product's: {@code prices} are the app's price
 * schedule ({@code appPriceSchedules}, {@link dev.braeburn.server.family.commerce.pricing.StorePrices});
 * {@code priceUsd} is the tuning's default (zero: free) for an app without one. {@link #on} resolves
 * them for one day, as {@link ModelProduct#on} does. {@code fingerprint} names this exact
 * combination: {@link UsageModel#freeze} keeps it in the store, so a file made from it can be made
 * again byte for byte after the app or its tuning changed.
 */
public record ModelApp(
    String appId, String name, String sku, String bundleId, BigDecimal priceUsd, List<ModelProduct> products,
    ModelTuning tuning, String fingerprint, List<ScheduledPrice> prices, Map<String, BigDecimal> storefrontPrices) {

  /** An app priced by its tuning alone (no price schedule). */
  public ModelApp(String appId, String name, String sku, String bundleId, BigDecimal priceUsd, List<ModelProduct> products,
      ModelTuning tuning, String fingerprint) {
    this(appId, name, sku, bundleId, priceUsd, products, tuning, fingerprint, List.of(), Map.of());
  }

  /** The app with its own and each product's store prices resolved for {@code day}. */
  ModelApp on(java.time.LocalDate day) {
    ModelProduct.Resolved own = ModelProduct.resolve(prices, priceUsd, day);
    return new ModelApp(appId, name, sku, bundleId, own.base(), products.stream().map(p -> p.on(day)).toList(), tuning, fingerprint,
        prices, own.storefronts());
  }

  /** The same app under another fingerprint. */
  ModelApp withFingerprint(String newFingerprint) {
    return new ModelApp(appId, name, sku, bundleId, priceUsd, products, tuning, newFingerprint, prices, storefrontPrices);
  }

  /** The dollar price (before equalization) of a download in {@code storefront} (alpha-2), on the day the app was resolved for. */
  public BigDecimal priceUsd(String storefront) {
    return storefrontPrices.getOrDefault(storefront, priceUsd);
  }

  /** A download costs money somewhere: free in its base storefront but priced elsewhere is still paid. */
  public boolean paid() {
    return priceUsd.signum() > 0 || storefrontPrices.values().stream().anyMatch(p -> p.signum() > 0);
  }
}
