package dev.braeburn.server.family.commerce.pricing;

/**
 * The two price schedules Apple keeps with the same shape (review-pipeline.md §7.1): an app's
 * ({@code appPriceSchedules}, manual prices {@code appPrices} on {@code appPricePoints}) and an in-app
 * purchase's ({@code inAppPurchasePriceSchedules}, {@code inAppPurchasePrices} on
 * {@code inAppPurchasePricePoints}). One mechanism serves both ({@link PriceSchedules},
 * {@link SchedulePrices}); this names what differs. The schedule's id is its product's.
 */
enum ScheduleKind {
  IAP("inAppPurchasePriceSchedules", "inAppPurchasePrices", "inAppPurchase", "inAppPurchasePricePoint", PointKind.IAP,
      "in-app purchase", "GET /v2/inAppPurchases/%s/pricePoints"),
  APP("appPriceSchedules", "appPrices", "app", "appPricePoint", PointKind.APP, "app", "GET /v1/apps/%s/appPricePoints");

  /** The schedule's type, also the prefix of its operation ids. */
  final String type;
  /** The type of its manual and automatic prices. */
  final String prices;
  /** The schedule's relationship to its product. */
  final String productRelationship;
  /** A price's relationship to its point. */
  final String pointRelationship;
  final PointKind point;
  final String noun;
  private final String pointsRead;

  ScheduleKind(String type, String prices, String productRelationship, String pointRelationship, PointKind point, String noun,
      String pointsRead) {
    this.type = type;
    this.prices = prices;
    this.productRelationship = productRelationship;
    this.pointRelationship = pointRelationship;
    this.point = point;
    this.noun = noun;
    this.pointsRead = pointsRead;
  }

  String productType() {
    return point.productType;
  }

  /** The read that lists a product's points, for diagnoses. */
  String pointsRead(String product) {
    return pointsRead.formatted(product);
  }

  /** The kind whose schedule prices a product of {@code productType}, or null. */
  static ScheduleKind ofProduct(String productType) {
    for (ScheduleKind k : values()) {
      if (k.productType().equals(productType)) {
        return k;
      }
    }
    return null;
  }
}
