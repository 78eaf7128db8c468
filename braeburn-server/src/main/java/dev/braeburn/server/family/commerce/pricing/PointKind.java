package dev.braeburn.server.family.commerce.pricing;

/**
 * The three kinds of price point: of an in-app purchase (v2), of a subscription (which also shows
 * {@code proceedsYear2}) and of an app (whose ladder starts at free, and which links its app).
 */
enum PointKind {
  IAP("inAppPurchasePricePoints", "inAppPurchases", 1),
  SUBSCRIPTION("subscriptionPricePoints", "subscriptions", 1),
  APP("appPricePoints", "apps", 0);

  final String type;
  final String productType;
  /** The first ladder index offered: apps may be free; in-app products cannot [INFER: free IAPs do not exist on the App Store]. */
  final int firstIndex;

  PointKind(String type, String productType, int firstIndex) {
    this.type = type;
    this.productType = productType;
    this.firstIndex = firstIndex;
  }

  int points() {
    return PriceLadder.size() - firstIndex;
  }
}
