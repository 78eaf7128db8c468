package dev.braeburn.server.family.commerce.pricing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;

/**
 * A price loaded through a seed or the admin API names its point as a relationship (the spec's
 * {@code appPricePoint} / {@code inAppPurchasePricePoint} / {@code subscriptionPricePoint}); the API's own writes keep the
 * point's id on the row ({@link ManualPrice#POINT}), which is what schedules, reads and the reports
 * use. After a load the linked id is copied there, so a seeded price sells like one set through the API.
 */
final class LoadedPrices {
  private static final Map<String, String> POINT_RELATIONSHIP = Map.of(
      ScheduleKind.IAP.prices, ScheduleKind.IAP.pointRelationship, ScheduleKind.APP.prices, ScheduleKind.APP.pointRelationship,
      SubscriptionPrices.TYPE, "subscriptionPricePoint");

  private LoadedPrices() {}

  static void afterLoad(StoreTx tx, List<Resource> loaded) {
    for (Resource resource : loaded) {
      String relationship = POINT_RELATIONSHIP.get(resource.type());
      if (relationship == null) {
        continue;
      }
      Resource price = tx.find(resource.type(), resource.id()).orElseThrow();
      if (price.attributes().hasNonNull(ManualPrice.POINT)) {
        continue;
      }
      List<Linkage> point = tx.linked(price.type(), price.id(), relationship);
      if (!point.isEmpty() && PricePointId.decode(point.getFirst().id()) != null) {
        ObjectNode attributes = price.attributes().deepCopy().put(ManualPrice.POINT, point.getFirst().id());
        tx.updateAttributes(price, attributes);
      }
    }
  }
}
