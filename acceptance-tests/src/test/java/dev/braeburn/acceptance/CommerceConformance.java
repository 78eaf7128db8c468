package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;

/**
 * What the conformance walk needs for the commerce family's rules (docs/commerce/products.md):
 * products whose metadata is complete, so their submissions are accepted (each submission its own
 * product, the order of the walk being free), and update bodies that keep Family Sharing on and an
 * approved subscription's period.
 */
final class CommerceConformance {
  static final String IAP = "conformance-iap";
  static final String SUBSCRIPTION = "conformance-subscription";
  static final String GROUP = "conformance-group";

  private CommerceConformance() {}

  /** A complete in-app purchase of Tideline, a complete subscription of Ledgerly Plus, a group of Ledgerly with one complete subscription. */
  static void addProducts(ArrayNode data) {
    resource(data, "inAppPurchases", IAP, "{\"name\":\"Conformance Pack\",\"productId\":\"conformance.pack\",\"inAppPurchaseType\":\"CONSUMABLE\","
        + "\"state\":\"READY_TO_SUBMIT\"}", rel("app", "apps", "1600000001"));
    parts(data, IAP, "inAppPurchases", "inAppPurchaseV2", "inAppPurchase", "inAppPurchaseLocalizations", "inAppPurchaseAvailabilities",
        "inAppPurchaseAppStoreReviewScreenshots");
    resource(data, "inAppPurchasePriceSchedules", IAP + "-price", "{}", rel("inAppPurchase", "inAppPurchases", IAP));
    resource(data, "subscriptionGroups", GROUP, "{\"referenceName\":\"Conformance Group\"}", rel("app", "apps", "1600000002"));
    resource(data, "subscriptionGroupLocalizations", GROUP + "-loc", "{\"locale\":\"en-US\",\"name\":\"Conformance\"}",
        rel("subscriptionGroup", "subscriptionGroups", GROUP));
    subscription(data, SUBSCRIPTION, "21580417");
    subscription(data, SUBSCRIPTION + "-2", GROUP);
    // promotional images are one per product: the v2 creates name versions of products that have none
    resource(data, "inAppPurchases", IAP + "-2", "{\"name\":\"Conformance Pack 2\",\"productId\":\"conformance.pack2\",\"inAppPurchaseType\":\"CONSUMABLE\","
        + "\"state\":\"MISSING_METADATA\"}", rel("app", "apps", "1600000001"));
    resource(data, "inAppPurchaseVersions", IAP + "-2-version", "{}", rel("inAppPurchase", "inAppPurchases", IAP + "-2"));
    resource(data, "subscriptionVersions", SUBSCRIPTION + "-2-version", "{}", rel("subscription", "subscriptions", SUBSCRIPTION + "-2"));
  }

  private static void subscription(ArrayNode data, String id, String group) {
    resource(data, "subscriptions", id, "{\"name\":\"Conformance " + id + "\",\"productId\":\"conformance." + id.replace('-', '.')
        + "\",\"subscriptionPeriod\":\"ONE_MONTH\",\"groupLevel\":1,\"state\":\"READY_TO_SUBMIT\"}", rel("group", "subscriptionGroups", group));
    parts(data, id, "subscriptions", "subscription", "subscription", "subscriptionLocalizations", "subscriptionAvailabilities",
        "subscriptionAppStoreReviewScreenshots");
    resource(data, "subscriptionPrices", id + "-price", "{}", rel("subscription", "subscriptions", id));
  }

  private static void parts(ArrayNode data, String id, String type, String localizationRel, String availabilityRel, String localizations,
      String availabilities, String screenshots) {
    resource(data, localizations, id + "-loc", "{\"locale\":\"en-US\",\"name\":\"Conformance\"}", rel(localizationRel, type, id));
    resource(data, availabilities, id + "-avail", "{\"availableInNewTerritories\":true}", rel(availabilityRel, type, id));
    resource(data, screenshots, id + "-shot", "{\"fileName\":\"review.png\",\"fileSize\":1024}", rel(localizationRel, type, id));
  }

  private static String rel(String name, String type, String id) {
    return "{" + CommerceCalls.rel(name, type, id) + "}";
  }

  private static void resource(ArrayNode data, String type, String id, String attributes, String relationships) {
    try {
      ObjectNode r = data.addObject().put("type", type).put("id", id);
      r.set("attributes", TestServer.JSON.readTree(attributes));
      r.set("relationships", TestServer.JSON.readTree(relationships));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The generated body, changed where a commerce rule would refuse it. */
  static void accept(Operation op, ObjectNode body) {
    com.fasterxml.jackson.databind.JsonNode data = body.path("data"); // an array in relationship bodies
    switch (op.id()) {
      // reference names are unique in the app (the create took "Conformance"); Family Sharing once on stays on
      case "inAppPurchasesV2_updateInstance" -> ((ObjectNode) data.path("attributes")).put("familySharable", true).put("name", "Conformance IAP");
      // an approved subscription keeps its period
      case "subscriptions_updateInstance" -> ((ObjectNode) data.path("attributes")).put("subscriptionPeriod", "ONE_MONTH").put("name", "Conformance Sub");
      case "inAppPurchaseSubmissions_createInstance" -> ((ObjectNode) data.at("/relationships/inAppPurchaseV2/data")).put("id", IAP);
      case "subscriptionSubmissions_createInstance" -> ((ObjectNode) data.at("/relationships/subscription/data")).put("id", SUBSCRIPTION);
      case "subscriptionGroupSubmissions_createInstance" -> ((ObjectNode) data.at("/relationships/subscriptionGroup/data")).put("id", GROUP);
      // one promotional image per product: each create names a product (or a product's version) without one
      case "inAppPurchaseImages_createInstance" -> ((ObjectNode) data.at("/relationships/inAppPurchase/data")).put("id", IAP);
      case "subscriptionImages_createInstance" -> ((ObjectNode) data.at("/relationships/subscription/data")).put("id", SUBSCRIPTION);
      case "inAppPurchaseImagesV2_createInstance" -> ((ObjectNode) data.at("/relationships/version/data")).put("id", IAP + "-2-version");
      case "subscriptionImagesV2_createInstance" -> ((ObjectNode) data.at("/relationships/version/data")).put("id", SUBSCRIPTION + "-2-version");
      // a promoted purchase names one product of its app
      case "promotedPurchases_createInstance" -> {
        ((ObjectNode) data.at("/relationships/app/data")).put("id", "1600000001");
        ((ObjectNode) data.path("relationships")).putObject("inAppPurchaseV2").putObject("data").put("type", "inAppPurchases").put("id", IAP);
      }
      default -> { }
    }
  }
}
