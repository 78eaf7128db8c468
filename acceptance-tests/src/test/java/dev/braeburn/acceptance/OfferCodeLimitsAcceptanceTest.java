package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Offer code limits (docs/commerce/offers.md): an app's 1,000,000 codes a calendar quarter, shared by
 * its subscriptions' and in-app purchases' one-time-use batches and custom codes (App Store Connect
 * Help), counted on the virtual clock; batch sizes.
 */
class OfferCodeLimitsAcceptanceTest extends SharedDemoServerTest {
  private static final String LIMIT = "The number of codes exceeds the limit of 1,000,000 offer codes per app per quarter; %d remaining this quarter";

  private static String today() {
    return server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText().substring(0, 10);
  }

  private static TestServer.Reply custom(String type, String offerType, String offer, String code, int count) {
    return server.send("POST", "/v1/" + type, """
        {"data":{"type":"%s","attributes":{"customCode":"%s","numberOfCodes":%d},
          "relationships":{"offerCode":{"data":{"type":"%s","id":"%s"}}}}}""".formatted(type, code, count, offerType, offer));
  }

  private static TestServer.Reply batch(String offer, int count, String environment) {
    String expires = LocalDate.parse(today()).plusMonths(1).toString();
    return server.send("POST", "/v1/subscriptionOfferCodeOneTimeUseCodes", """
        {"data":{"type":"subscriptionOfferCodeOneTimeUseCodes","attributes":{"numberOfCodes":%d,"expirationDate":"%s","environment":"%s"},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""".formatted(count, expires, environment, offer));
  }

  private static String freeTrialOfferCode(OfferWorld world) {
    return OfferWorld.created(server.send("POST", "/v1/subscriptionOfferCodes", """
        {"data":{"type":"subscriptionOfferCodes","attributes":{"name":"Limits","customerEligibilities":["NEW"],
          "offerEligibility":"STACK_WITH_INTRO_OFFERS","duration":"ONE_MONTH","offerMode":"FREE_TRIAL","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(world.subscription)
        + world.prices("subscriptionOfferCodePrices", null))).path("id").asText();
  }

  @Test
  void anAppMakesAMillionCodesAQuarterAcrossItsProducts() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    OfferWorld world = new OfferWorld(server, "dev.braeburn.limits.sub");
    String offer = freeTrialOfferCode(world);
    OfferWorld.created(custom("subscriptionOfferCodeCustomCodes", "subscriptionOfferCodes", offer, "LIMITS1", 999_990));
    // 20 more one-time-use codes would pass the app's million; 10 fit; sandbox codes do not count
    OfferWorld.assertError(batch(offer, 20, "PRODUCTION"), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID", LIMIT.formatted(10), "/data/attributes/numberOfCodes");
    TestServer.Reply refused = batch(offer, 20, "PRODUCTION");
    assertThat(refused.header("X-Braeburn-Diagnosis")).contains("1,000,000 per app per quarter").contains("inferred");
    OfferWorld.created(batch(offer, 10, "PRODUCTION"));
    OfferWorld.created(batch(offer, 5, "SANDBOX"));
    assertThat(server.get("/v1/subscriptionOfferCodes/" + offer).json().at("/data/attributes/productionCodeCount").asInt()).isEqualTo(1_000_000);
    // the same app's in-app purchase codes share the pool
    String iap = new CommerceCalls(server).iap(OfferWorld.APP, "dev.braeburn.limits.iap", "Limit gems", "NON_CONSUMABLE");
    String point = server.get("/v2/inAppPurchases/" + iap + "/pricePoints?filter[territory]=USA&limit=1").json().at("/data/0/id").asText();
    String iapOffer = OfferWorld.created(server.send("POST", "/v1/inAppPurchaseOfferCodes", """
        {"data":{"type":"inAppPurchaseOfferCodes","attributes":{"name":"Gems","customerEligibilities":["NON_SPENDER"]},
          "relationships":{"inAppPurchase":{"data":{"type":"inAppPurchases","id":"%s"}},
            "prices":{"data":[{"type":"inAppPurchaseOfferPrices","id":"${usa}"}]}}},
         "included":[{"type":"inAppPurchaseOfferPrices","id":"${usa}","relationships":{"territory":{"data":{"type":"territories","id":"USA"}},
           "pricePoint":{"data":{"type":"inAppPurchasePricePoints","id":"%s"}}}}]}""".formatted(iap, point))).path("id").asText();
    OfferWorld.assertError(custom("inAppPurchaseOfferCodeCustomCodes", "inAppPurchaseOfferCodes", iapOffer, "GEMS1", 1), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", LIMIT.formatted(0), "/data/attributes/numberOfCodes");
    // the next calendar quarter on the virtual clock starts a new count
    LocalDate now = LocalDate.parse(today());
    LocalDate nextQuarter = now.withDayOfMonth(1).withMonth(((now.getMonthValue() - 1) / 3) * 3 + 1).plusMonths(3);
    long seconds = java.time.Duration.between(now.atStartOfDay(), nextQuarter.atTime(12, 0)).toSeconds();
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
    OfferWorld.created(custom("inAppPurchaseOfferCodeCustomCodes", "inAppPurchaseOfferCodes", iapOffer, "GEMS1", 1));
    OfferWorld.created(batch(offer, 10, "PRODUCTION"));
  }

  @Test
  void batchSizesStayWithinTheirBounds() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.limits.batch");
    String offer = freeTrialOfferCode(world);
    OfferWorld.assertError(batch(offer, 0, "PRODUCTION"), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "The attribute 'numberOfCodes' must be between 1 and 25000", "/data/attributes/numberOfCodes");
    OfferWorld.assertError(batch(offer, 25_001, "PRODUCTION"), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "The attribute 'numberOfCodes' must be between 1 and 25000", "/data/attributes/numberOfCodes");
    OfferWorld.assertError(custom("subscriptionOfferCodeCustomCodes", "subscriptionOfferCodes", offer, "BATCH1", 1_000_001), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "The attribute 'numberOfCodes' must be between 1 and 1000000", "/data/attributes/numberOfCodes");
  }
}
