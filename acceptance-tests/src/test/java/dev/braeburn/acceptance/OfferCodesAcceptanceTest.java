package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Offer codes (docs/commerce/offers.md): a one-time-use batch and its codes file, custom codes, FREE_TRIAL prices. */
class OfferCodesAcceptanceTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo");
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static TestServer.Reply offerCode(OfferWorld world, String mode, String pricePoint) {
    return server.send("POST", "/v1/subscriptionOfferCodes", """
        {"data":{"type":"subscriptionOfferCodes","attributes":{"name":"Spring","customerEligibilities":["NEW","EXPIRED"],
          "offerEligibility":"STACK_WITH_INTRO_OFFERS","duration":"ONE_MONTH","offerMode":"%s","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(mode, world.subscription)
        + world.prices("subscriptionOfferCodePrices", pricePoint));
  }

  @Test
  void aOneTimeUseBatchServesItsCodesFile() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.codes");
    String offer = OfferWorld.created(offerCode(world, "FREE_TRIAL", null)).path("id").asText();
    String today = server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText().substring(0, 10);
    String expires = java.time.LocalDate.parse(today).plusMonths(3).toString();
    String batch = OfferWorld.created(server.send("POST", "/v1/subscriptionOfferCodeOneTimeUseCodes", """
        {"data":{"type":"subscriptionOfferCodeOneTimeUseCodes","attributes":{"numberOfCodes":250,"expirationDate":"%s"},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""".formatted(expires, offer))).path("id").asText();
    TestServer.Reply file = server.get("/v1/subscriptionOfferCodeOneTimeUseCodes/" + batch + "/values");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.header("Content-Type")).isEqualTo("text/csv");
    List<String> codes = file.body().lines().toList();
    assertThat(codes).hasSize(250).allMatch(c -> c.matches("[2-9A-HJ-NP-Z]{12}"));
    assertThat(new HashSet<>(codes)).hasSize(250);
    assertThat(server.get("/v1/subscriptionOfferCodeOneTimeUseCodes/" + batch + "/values").body()).isEqualTo(file.body());
    assertThat(server.get("/v1/subscriptionOfferCodes/" + offer).json().at("/data/attributes/totalNumberOfCodes").asInt()).isEqualTo(250);
    // more than six months ahead is refused
    OfferWorld.assertError(server.send("POST", "/v1/subscriptionOfferCodeOneTimeUseCodes", """
        {"data":{"type":"subscriptionOfferCodeOneTimeUseCodes","attributes":{"numberOfCodes":5,"expirationDate":"%s"},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""".formatted(
            java.time.LocalDate.parse(today).plusMonths(7), offer)), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "The expiration date must be in the future and no more than 6 months from today", "/data/attributes/expirationDate");
  }

  @Test
  void customCodesAreUniqueAndFreeTrialPricesNameNoPricePoint() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.custom");
    OfferWorld.assertError(server.send("POST", "/v1/subscriptionOfferCodes", """
        {"data":{"type":"subscriptionOfferCodes","attributes":{"name":"Free","customerEligibilities":["NEW"],
          "offerEligibility":"REPLACE_INTRO_OFFERS","duration":"ONE_MONTH","offerMode":"FREE_TRIAL","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(world.subscription)
        + world.prices("subscriptionOfferCodePrices", world.pricePoint("USA"))), 409, "ENTITY_ERROR.RELATIONSHIP.INVALID",
        "For FREE_TRIAL offerMode, subscriptionPricePoint must be null", "/included/0/relationships/subscriptionPricePoint");
    String offer = OfferWorld.created(offerCode(world, "PAY_UP_FRONT", world.pricePoint("USA"))).path("id").asText();
    String custom = """
        {"data":{"type":"subscriptionOfferCodeCustomCodes","attributes":{"customCode":"%s","numberOfCodes":100},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""";
    OfferWorld.created(server.send("POST", "/v1/subscriptionOfferCodeCustomCodes", custom.formatted("SPRINGPROMO", offer)));
    OfferWorld.assertError(server.send("POST", "/v1/subscriptionOfferCodeCustomCodes", custom.formatted("SPRINGPROMO", offer)), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", "The custom code has already been used", "/data/attributes/customCode");
    OfferWorld.assertError(server.send("POST", "/v1/subscriptionOfferCodeCustomCodes", custom.formatted("SPRING PROMO!", offer)), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "The custom code can contain only letters and numbers, up to 64 characters", "/data/attributes/customCode");
  }
}
