package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resources created inline ({@code included} with {@code ${local}} ids) by update requests
 * (docs/commerce/offers.md): a subscription's PATCH creating introductory and promotional offers
 * and prices, all or nothing, and a promotional offer's PATCH replacing its prices.
 */
class InlineIncludedResourcesAcceptanceTest extends SharedDemoServerTest {
  private static TestServer.Reply patchSubscription(OfferWorld world, String relationships, String included) {
    return server.send("PATCH", "/v1/subscriptions/" + world.subscription, """
        {"data":{"type":"subscriptions","id":"%s","attributes":{"reviewNote":"inline"},"relationships":{%s}},"included":[%s]}"""
        .formatted(world.subscription, relationships, included));
  }

  private static String introductoryOffer(String localId, String mode, String duration, String territory, String pricePoint) {
    String point = pricePoint == null ? "" : ",\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\"" + pricePoint + "\"}}";
    return """
        {"type":"subscriptionIntroductoryOffers","id":"%s","attributes":{"offerMode":"%s","duration":"%s","numberOfPeriods":1},
          "relationships":{"territory":{"data":{"type":"territories","id":"%s"}}%s}}""".formatted(localId, mode, duration, territory, point);
  }

  private static String price(String type, String localId, String territory, String pricePoint) {
    String point = pricePoint == null ? "" : ",\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\"" + pricePoint + "\"}}";
    return """
        {"type":"%s","id":"%s","relationships":{"territory":{"data":{"type":"territories","id":"%s"}}%s}}""".formatted(type, localId, territory, point);
  }

  private static String linkages(String type, String... ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      out.add("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}");
    }
    return "{\"data\":[" + String.join(",", out) + "]}";
  }

  private static List<String> ids(String path) {
    TestServer.Reply reply = server.get(path);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    reply.json().path("data").forEach(r -> out.add(r.path("id").asText()));
    return out;
  }

  @Test
  void aSubscriptionPatchCreatesItsIncludedOffersAndPrices() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.inline.patch");
    OfferWorld.created(world.introductoryOffer("FREE_TRIAL", "ONE_WEEK", 1, "CAN", null, null, null));
    String gbp = world.pricePoint("GBR");
    String usd = world.pricePoint("USA");
    String promotional = """
        {"type":"subscriptionPromotionalOffers","id":"${promo}","attributes":{"name":"Back","offerCode":"inline.back","duration":"ONE_MONTH",
          "offerMode":"PAY_AS_YOU_GO","numberOfPeriods":2}}""";
    String subscriptionPrice = """
        {"type":"subscriptionPrices","id":"${usd}","attributes":{"startDate":null},
          "relationships":{"subscriptionPricePoint":{"data":{"type":"subscriptionPricePoints","id":"%s"}}}}""".formatted(usd);
    TestServer.Reply reply = patchSubscription(world,
        "\"introductoryOffers\":" + linkages("subscriptionIntroductoryOffers", "${trial}", "${upfront}")
            + ",\"promotionalOffers\":" + linkages("subscriptionPromotionalOffers", "${promo}")
            + ",\"prices\":" + linkages("subscriptionPrices", "${usd}"),
        String.join(",", introductoryOffer("${trial}", "FREE_TRIAL", "TWO_WEEKS", "USA", null),
            introductoryOffer("${upfront}", "PAY_UP_FRONT", "THREE_MONTHS", "GBR", gbp), promotional, subscriptionPrice));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().at("/data/attributes/reviewNote").asText()).isEqualTo("inline");
    // the subscription's earlier offer (CAN) stays beside the two new ones
    assertThat(ids("/v1/subscriptions/" + world.subscription + "/introductoryOffers")).hasSize(3);
    assertThat(ids("/v1/subscriptions/" + world.subscription + "/promotionalOffers")).hasSize(1);
    TestServer.Reply prices = server.get("/v1/subscriptions/" + world.subscription + "/prices?include=subscriptionPricePoint");
    assertThat(prices.json().path("data")).hasSize(1);
    assertThat(prices.json().at("/data/0/relationships/subscriptionPricePoint/data/id").asText()).isEqualTo(usd);
  }

  @Test
  void aRefusedIncludedItemRefusesTheWholePatch() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.inline.refused");
    String gbp = world.pricePoint("GBR");
    // item 1, a free trial naming a price point, is refused with its create's body, pointing into included[1]
    TestServer.Reply refused = patchSubscription(world,
        "\"introductoryOffers\":" + linkages("subscriptionIntroductoryOffers", "${fra}", "${gbr}"),
        introductoryOffer("${fra}", "FREE_TRIAL", "ONE_WEEK", "FRA", null) + "," + introductoryOffer("${gbr}", "FREE_TRIAL", "ONE_WEEK", "GBR", gbp));
    OfferWorld.assertError(refused, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "For FREE_TRIAL offerMode, subscriptionPricePoint must be null",
        "/included/1/relationships/subscriptionPricePoint");
    assertThat(refused.header("X-Braeburn-Diagnosis")).contains("included[1]").contains("nothing of this request was saved");
    // nothing was saved: neither the FRA offer nor the attribute change
    assertThat(ids("/v1/subscriptions/" + world.subscription + "/introductoryOffers")).isEmpty();
    assertThat(server.get("/v1/subscriptions/" + world.subscription).json().at("/data/attributes/reviewNote").isNull()).isTrue();
    // an included id that is not a local id (37MobileTeam/AppleParty#18)
    OfferWorld.assertError(patchSubscription(world, "\"introductoryOffers\":" + linkages("subscriptionIntroductoryOffers", "FRA"),
            introductoryOffer("FRA", "FREE_TRIAL", "ONE_WEEK", "FRA", null)), 409, "ENTITY_ERROR.INCLUDED.INVALID_ID",
        "The provided included entity id 'FRA' has invalid format", "/included/0/id");
    // an included price whose point is another subscription's: the POST's refusal, moved into included[0]
    String otherPoint = new OfferWorld(server, "dev.braeburn.inline.other").pricePoint("USA");
    TestServer.Reply foreign = patchSubscription(world, "\"prices\":" + linkages("subscriptionPrices", "${p}"), """
        {"type":"subscriptionPrices","id":"${p}","relationships":{"subscriptionPricePoint":{"data":{"type":"subscriptionPricePoints","id":"%s"}}}}"""
        .formatted(otherPoint));
    OfferWorld.assertError(foreign, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The resource 'subscriptionPricePoints' with id '" + otherPoint
        + "' is not a valid ID for this relationship. (ID: " + otherPoint + ")", "/included/0/relationships/subscriptionPricePoint/data");
    assertThat(ids("/v1/subscriptions/" + world.subscription + "/prices")).isEmpty();
  }

  @Test
  void aPromotionalOfferPatchReplacesItsPricesByTheCreateRules() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.inline.promo");
    String offer = OfferWorld.created(server.send("POST", "/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Back","offerCode":"promo.prices","duration":"ONE_MONTH",
          "offerMode":"PAY_AS_YOU_GO","numberOfPeriods":2},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(world.subscription)
        + world.prices("subscriptionPromotionalOfferPrices", world.pricePoint("USA")))).path("id").asText();
    String before = ids("/v1/subscriptionPromotionalOffers/" + offer + "/prices").getFirst();
    String type = "subscriptionPromotionalOfferPrices";
    String gbp = world.pricePoint("GBR");
    String deu = world.pricePoint("DEU");
    // two prices for one territory, a point of another territory, a point of another subscription, a paid price without a point
    OfferWorld.assertError(patchPromotional(offer, linkages(type, "${a}", "${b}"), price(type, "${a}", "GBR", gbp) + "," + price(type, "${b}", "GBR", gbp)),
        409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "An offer can have only one price per territory", "/included/1/relationships/territory");
    OfferWorld.assertError(patchPromotional(offer, linkages(type, "${a}"), price(type, "${a}", "DEU", gbp)), 409, "ENTITY_ERROR.RELATIONSHIP.INVALID",
        "The subscriptionPricePoint must be for the territory of the offer", "/included/0/relationships/subscriptionPricePoint");
    String otherPoint = new OfferWorld(server, "dev.braeburn.inline.promo.other").pricePoint("GBR");
    OfferWorld.assertError(patchPromotional(offer, linkages(type, "${a}"), price(type, "${a}", "GBR", otherPoint)), 409,
        "ENTITY_ERROR.RELATIONSHIP.INVALID", "The resource 'subscriptionPricePoints' with id '" + otherPoint
            + "' is not a valid ID for this relationship. (ID: " + otherPoint + ")", "/included/0/relationships/subscriptionPricePoint");
    OfferWorld.assertError(patchPromotional(offer, linkages(type, "${a}"), price(type, "${a}", "GBR", null)), 409,
        "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "For PAY_AS_YOU_GO offerMode, you must provide a value for the relationship 'subscriptionPricePoint'",
        "/included/0/relationships/subscriptionPricePoint");
    assertThat(ids("/v1/subscriptionPromotionalOffers/" + offer + "/prices")).containsExactly(before);
    // the accepted PATCH: the offer's prices are exactly the ones named, the USA price left out is gone
    TestServer.Reply ok = patchPromotional(offer, linkages(type, "${gbr}", "${deu}"), price(type, "${gbr}", "GBR", gbp) + "," + price(type, "${deu}", "DEU", deu));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    List<String> after = ids("/v1/subscriptionPromotionalOffers/" + offer + "/prices");
    assertThat(after).hasSize(2).doesNotContain(before);
    assertThat(server.get("/v1/subscriptionPromotionalOfferPrices/" + before).status()).isIn(404, 403, 405);
    JsonNode listed = server.get("/v1/subscriptionPromotionalOffers/" + offer + "/prices?include=territory").json();
    List<String> territories = new ArrayList<>();
    listed.path("data").forEach(p -> territories.add(p.at("/relationships/territory/data/id").asText()));
    assertThat(territories).containsExactlyInAnyOrder("GBR", "DEU");
  }

  @Test
  void anInAppPurchaseOfferCodeCreatesItsInlinePrices() {
    String iap = new CommerceCalls(server).iap(OfferWorld.APP, "dev.braeburn.inline.iap", "Inline gems", "CONSUMABLE");
    String point = server.get("/v2/inAppPurchases/" + iap + "/pricePoints?filter[territory]=USA&limit=1").json().at("/data/0/id").asText();
    TestServer.Reply created = server.send("POST", "/v1/inAppPurchaseOfferCodes", """
        {"data":{"type":"inAppPurchaseOfferCodes","attributes":{"name":"Gems","customerEligibilities":["NON_SPENDER"]},
          "relationships":{"inAppPurchase":{"data":{"type":"inAppPurchases","id":"%s"}},
            "prices":{"data":[{"type":"inAppPurchaseOfferPrices","id":"${usa}"}]}}},
         "included":[{"type":"inAppPurchaseOfferPrices","id":"${usa}","relationships":{"territory":{"data":{"type":"territories","id":"USA"}},
           "pricePoint":{"data":{"type":"inAppPurchasePricePoints","id":"%s"}}}}]}""".formatted(iap, point));
    String offer = OfferWorld.created(created).path("id").asText();
    JsonNode prices = server.get("/v1/inAppPurchaseOfferCodes/" + offer + "/prices?include=territory").json();
    assertThat(prices.path("data")).hasSize(1);
    assertThat(prices.at("/data/0/relationships/territory/data/id").asText()).isEqualTo("USA");
  }

  private static TestServer.Reply patchPromotional(String offer, String prices, String included) {
    return server.send("PATCH", "/v1/subscriptionPromotionalOffers/" + offer, """
        {"data":{"type":"subscriptionPromotionalOffers","id":"%s","relationships":{"prices":%s}},"included":[%s]}""".formatted(offer, prices, included));
  }
}
