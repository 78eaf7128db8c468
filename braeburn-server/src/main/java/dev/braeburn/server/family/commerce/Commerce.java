package dev.braeburn.server.family.commerce;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every part of the commerce family works with: the engine's services, the graph helpers,
 * App Review's settings (the release family's, so products are reviewed on the same switch) and
 * the walk from a product to its app.
 */
record Commerce(EngineServices services, Graph graph, Supplier<ReviewSettings> settings) {
  static final String IAP = "inAppPurchases";
  static final String SUBSCRIPTION = "subscriptions";
  static final String GROUP = "subscriptionGroups";

  /** The app a product (or a subscription group) belongs to: an in-app purchase's own, a subscription's group's. */
  Optional<Resource> app(StoreTx tx, Resource product) {
    return switch (product.type()) {
      case IAP, GROUP -> graph.relatedOne(tx, product, "app");
      case SUBSCRIPTION -> graph.relatedOne(tx, product, "group").flatMap(g -> graph.relatedOne(tx, g, "app"));
      default -> Optional.empty();
    };
  }

  /** Every in-app purchase and subscription of an app. */
  List<Resource> products(StoreTx tx, Resource app) {
    List<Resource> out = new ArrayList<>(graph.related(tx, app, "inAppPurchasesV2"));
    for (Resource group : graph.related(tx, app, "subscriptionGroups")) {
      out.addAll(graph.related(tx, group, "subscriptions"));
    }
    return out;
  }

  static String state(Resource product) {
    return product.attributes().path("state").asText("");
  }

  static String describe(Resource product) {
    var a = product.attributes();
    return product.type() + " " + product.id() + " '" + a.path("name").asText(a.path("referenceName").asText("")) + "'"
        + (a.hasNonNull("productId") ? " (" + a.get("productId").asText() + ")" : "");
  }
}
