package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product calls a client makes (docs/commerce/products.md): in-app purchases, subscription
 * groups and subscriptions, and the parts that complete their metadata. Prices name computed
 * price points of the product (the pricing family's ids) — what is
 * in them is the pricing family's.
 */
final class CommerceCalls {
  private final TestServer server;

  CommerceCalls(TestServer server) {
    this.server = server;
  }

  static String rel(String name, String type, String id) {
    return "\"" + name + "\":{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}}";
  }

  TestServer.Reply createIap(String appId, String productId, String name, String type) {
    return server.send("POST", "/v2/inAppPurchases", "{\"data\":{\"type\":\"inAppPurchases\",\"attributes\":{\"productId\":\"" + productId
        + "\",\"name\":\"" + name + "\",\"inAppPurchaseType\":\"" + type + "\"},\"relationships\":{" + rel("app", "apps", appId) + "}}}");
  }

  String iap(String appId, String productId, String name, String type) {
    return created(createIap(appId, productId, name, type));
  }

  TestServer.Reply createGroup(String appId, String referenceName) {
    return server.send("POST", "/v1/subscriptionGroups", "{\"data\":{\"type\":\"subscriptionGroups\",\"attributes\":{\"referenceName\":\""
        + referenceName + "\"},\"relationships\":{" + rel("app", "apps", appId) + "}}}");
  }

  TestServer.Reply createSubscription(String groupId, String productId, String name, String period, Integer groupLevel) {
    return server.send("POST", "/v1/subscriptions", "{\"data\":{\"type\":\"subscriptions\",\"attributes\":{\"productId\":\"" + productId
        + "\",\"name\":\"" + name + "\",\"subscriptionPeriod\":\"" + period + "\"" + (groupLevel == null ? "" : ",\"groupLevel\":" + groupLevel)
        + "},\"relationships\":{" + rel("group", "subscriptionGroups", groupId) + "}}}");
  }

  TestServer.Reply localize(String type, String relationship, String ownerType, String ownerId, String locale, String name, String description) {
    String path = "/v1/" + type; // the v2 creates take a product version; v1 the product
    return server.send("POST", path, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"locale\":\"" + locale + "\",\"name\":\"" + name + "\""
        + (description == null ? "" : ",\"description\":\"" + description + "\"") + "},\"relationships\":{"
        + rel(relationship, ownerType, ownerId) + "}}}");
  }

  TestServer.Reply availability(String type, String relationship, String ownerType, String ownerId, String... territories) {
    StringBuilder data = new StringBuilder();
    for (String t : territories) {
      data.append(data.isEmpty() ? "" : ",").append("{\"type\":\"territories\",\"id\":\"").append(t).append("\"}");
    }
    return server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"availableInNewTerritories\":false},"
        + "\"relationships\":{" + rel(relationship, ownerType, ownerId) + ",\"availableTerritories\":{\"data\":[" + data + "]}}}}");
  }

  TestServer.Reply screenshot(String type, String relationship, String ownerType, String ownerId) {
    return server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"fileName\":\"review.png\",\"fileSize\":2048},"
        + "\"relationships\":{" + rel(relationship, ownerType, ownerId) + "}}}");
  }

  /** A price schedule with a $0.99 base price in the USA from today (docs/commerce/pricing.md: computed point ids). */
  TestServer.Reply iapPriceSchedule(String iapId) {
    return server.send("POST", "/v1/inAppPurchasePriceSchedules", "{\"data\":{\"type\":\"inAppPurchasePriceSchedules\",\"relationships\":{"
        + rel("inAppPurchase", "inAppPurchases", iapId) + "," + rel("baseTerritory", "territories", "USA")
        + ",\"manualPrices\":{\"data\":[{\"type\":\"inAppPurchasePrices\",\"id\":\"${price1}\"}]}}},\"included\":[{\"type\":\"inAppPurchasePrices\","
        + "\"id\":\"${price1}\",\"attributes\":{\"startDate\":null,\"endDate\":null},\"relationships\":{"
        + rel("inAppPurchasePricePoint", "inAppPurchasePricePoints", pricePoint(iapId)) + "}}]}");
  }

  /** A subscription price at the $0.99 point in the USA, from today. */
  TestServer.Reply subscriptionPrice(String subscriptionId) {
    return server.send("POST", "/v1/subscriptionPrices", "{\"data\":{\"type\":\"subscriptionPrices\",\"relationships\":{"
        + rel("subscription", "subscriptions", subscriptionId) + "," + rel("territory", "territories", "USA") + ","
        + rel("subscriptionPricePoint", "subscriptionPricePoints", pricePoint(subscriptionId)) + "}}}");
  }

  /** Point 10008 ($0.99) of a product in the USA: base64url of {"s","t","p"}, as Apple's ids are (protocol.md). */
  static String pricePoint(String product) {
    String json = "{\"s\":\"" + product + "\",\"t\":\"USA\",\"p\":\"10008\"}";
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Everything an in-app purchase needs to be READY_TO_SUBMIT. */
  void completeIap(String iapId) {
    ok(localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", iapId, "en-US", "Tide Pro", "All the tides, offline."));
    ok(iapPriceSchedule(iapId));
    ok(availability("inAppPurchaseAvailabilities", "inAppPurchase", "inAppPurchases", iapId, "USA"));
    ok(screenshot("inAppPurchaseAppStoreReviewScreenshots", "inAppPurchaseV2", "inAppPurchases", iapId));
  }

  /** Everything a subscription needs besides its group's localization. */
  void completeSubscription(String subscriptionId) {
    ok(localize("subscriptionLocalizations", "subscription", "subscriptions", subscriptionId, "en-US", "Plus", "Every feature."));
    ok(subscriptionPrice(subscriptionId));
    ok(availability("subscriptionAvailabilities", "subscription", "subscriptions", subscriptionId, "USA"));
    ok(screenshot("subscriptionAppStoreReviewScreenshots", "subscription", "subscriptions", subscriptionId));
  }

  TestServer.Reply submit(String type, String relationship, String targetType, String targetId) {
    return server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"relationships\":{" + rel(relationship, targetType, targetId) + "}}}");
  }

  String state(String path) {
    TestServer.Reply r = server.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/attributes/state").asText(null);
  }

  String iapState(String id) {
    return state("/v2/inAppPurchases/" + id);
  }

  String subscriptionState(String id) {
    return state("/v1/subscriptions/" + id);
  }

  static String created(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  static void ok(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 204);
  }
}
