package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * An app as the usage and sales model sees it: its identity in the store (the id is Apple's
 * numeric "App Apple Identifier"), its price (zero for a free app; from the tuning), the in-app
 * products it sells (its {@code inAppPurchases} and {@code subscriptions} in the store, or products
 * the tuning invents when it has none) and its tuning. {@code fingerprint} names this exact
 * combination: {@link UsageModel#freeze} keeps it in the store, so a file made from it can be made
 * again byte for byte after the app or its tuning changed.
 */
public record ModelApp(
    String appId, String name, String sku, String bundleId, BigDecimal priceUsd, List<ModelProduct> products,
    ModelTuning tuning, String fingerprint) {
  /** The app with each product's store prices resolved for {@code day} ({@link ModelProduct#on}). */
  ModelApp on(java.time.LocalDate day) {
    return new ModelApp(appId, name, sku, bundleId, priceUsd, products.stream().map(p -> p.on(day)).toList(), tuning, fingerprint);
  }

  public boolean paid() {
    return priceUsd.signum() > 0;
  }
}
