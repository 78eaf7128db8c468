package dev.braeburn.acceptance;

import org.junit.jupiter.api.Test;

/** Promotional and win-back offers (docs/commerce/offers.md): identifiers unique in the group, the limit of 10, win-back bounds. */
class PromotionalAndWinBackOffersAcceptanceTest extends SharedDemoServerTest {
  private static TestServer.Reply promotional(OfferWorld world, String offerCode) {
    return server.send("POST", "/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Come back","offerCode":"%s","duration":"ONE_MONTH",
          "offerMode":"PAY_AS_YOU_GO","numberOfPeriods":2},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(offerCode, world.subscription)
        + world.prices("subscriptionPromotionalOfferPrices", world.pricePoint("USA")));
  }

  private static TestServer.Reply winBack(OfferWorld world, String offerId, int minMonths, int maxMonths) {
    return server.send("POST", "/v1/winBackOffers", """
        {"data":{"type":"winBackOffers","attributes":{"referenceName":"Win back","offerId":"%s","duration":"ONE_WEEK","offerMode":"FREE_TRIAL",
          "periodCount":1,"customerEligibilityPaidSubscriptionDurationInMonths":3,
          "customerEligibilityTimeSinceLastSubscribedInMonths":{"minimum":%d,"maximum":%d},"customerEligibilityWaitBetweenOffersInMonths":6,
          "startDate":"2027-01-01","priority":"HIGH"},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(offerId, minMonths, maxMonths, world.subscription)
        + world.prices("winBackOfferPrices", null));
  }

  @Test
  void promotionalOfferIdentifiersAndLimit() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.promo");
    for (int i = 1; i <= 10; i++) {
      OfferWorld.created(promotional(world, "comeback" + i));
    }
    OfferWorld.assertError(promotional(world, "comeback1"), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The offerCode has already been used in this subscription group", "/data/attributes/offerCode");
    OfferWorld.assertError(promotional(world, "comeback11"), 409, "ENTITY_ERROR.RELATIONSHIP.INVALID",
        "A subscription can have up to 10 promotional offers", "/data/relationships/subscription");
    OfferWorld.assertError(promotional(new OfferWorld(server, "dev.braeburn.offers.promo2"), "come back!"), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "The attribute 'offerCode' can contain only letters, numbers, periods, hyphens and underscores, up to 64 characters",
        "/data/attributes/offerCode");
  }

  @Test
  void winBackOffersKeepTheirBounds() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.winback");
    OfferWorld.created(winBack(world, "winback.spring", 1, 12));
    OfferWorld.assertError(winBack(world, "winback.spring", 1, 12), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The offerId has already been used in this subscription group", "/data/attributes/offerId");
    OfferWorld.assertError(winBack(world, "winback.summer", 6, 2), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "The attribute 'customerEligibilityTimeSinceLastSubscribedInMonths' must have a minimum no greater than its maximum",
        "/data/attributes/customerEligibilityTimeSinceLastSubscribedInMonths");
  }
}
