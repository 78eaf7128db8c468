package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Introductory offers (docs/commerce/offers.md): terms by mode, price points by mode, one offer per territory at a time. */
class IntroductoryOffersAcceptanceTest extends SharedDemoServerTest {
  @Test
  void aFreeTrialPerTerritoryAndPaidOffersWithTheirPrice() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.intro");
    OfferWorld.created(world.introductoryOffer("FREE_TRIAL", "ONE_WEEK", 1, "USA", null, null, "2027-01-31"));
    // a second offer for USA overlapping the first is refused; one after it is fine
    OfferWorld.assertError(world.introductoryOffer("FREE_TRIAL", "TWO_WEEKS", 1, "USA", null, "2027-01-15", null), 409,
        "ENTITY_ERROR.RELATIONSHIP.INVALID", "An introductory offer already exists for this subscription in this territory for the given dates",
        "/data/relationships/territory");
    OfferWorld.created(world.introductoryOffer("FREE_TRIAL", "TWO_WEEKS", 1, "USA", null, "2027-02-01", null));
    // a free trial has no price point (rorkai/App-Store-Connect-CLI#1502)
    String gbp = world.pricePoint("GBR");
    OfferWorld.assertError(world.introductoryOffer("FREE_TRIAL", "ONE_WEEK", 1, "GBR", gbp, null, null), 409,
        "ENTITY_ERROR.RELATIONSHIP.INVALID", "For FREE_TRIAL offerMode, subscriptionPricePoint must be null", "/data/relationships/subscriptionPricePoint");
    // paid modes need one, of the offer's territory
    OfferWorld.assertError(world.introductoryOffer("PAY_UP_FRONT", "THREE_MONTHS", 1, "GBR", null, null, null), 409,
        "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "For PAY_UP_FRONT offerMode, you must provide a value for the relationship 'subscriptionPricePoint'",
        "/data/relationships/subscriptionPricePoint");
    String usd = world.pricePoint("USA");
    OfferWorld.assertError(world.introductoryOffer("PAY_UP_FRONT", "THREE_MONTHS", 1, "GBR", usd, null, null), 409,
        "ENTITY_ERROR.RELATIONSHIP.INVALID", "The subscriptionPricePoint must be for the territory of the offer", "/data/relationships/subscriptionPricePoint");
    OfferWorld.created(world.introductoryOffer("PAY_UP_FRONT", "THREE_MONTHS", 1, "GBR", gbp, null, null));
  }

  @Test
  void durationsAndPeriodsFollowTheMode() {
    OfferWorld world = new OfferWorld(server, "dev.braeburn.offers.terms");
    OfferWorld.assertError(world.introductoryOffer("PAY_UP_FRONT", "THREE_DAYS", 1, "USA", world.pricePoint("USA"), null, null), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "The duration 'THREE_DAYS' is not valid for offerMode 'PAY_UP_FRONT'", "/data/attributes/duration");
    // pay as you go bills the subscription's own period (ONE_MONTH), up to 12 of them
    OfferWorld.assertError(world.introductoryOffer("PAY_AS_YOU_GO", "ONE_WEEK", 3, "USA", world.pricePoint("USA"), null, null), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "The duration 'ONE_WEEK' is not valid for offerMode 'PAY_AS_YOU_GO'", "/data/attributes/duration");
    OfferWorld.assertError(world.introductoryOffer("PAY_AS_YOU_GO", "ONE_MONTH", 13, "USA", world.pricePoint("USA"), null, null), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID", "The attribute 'numberOfPeriods' must be between 1 and 12 for offerMode 'PAY_AS_YOU_GO'",
        "/data/attributes/numberOfPeriods");
    TestServer.Reply ok = world.introductoryOffer("PAY_AS_YOU_GO", "ONE_MONTH", 3, "USA", world.pricePoint("USA"), null, null);
    assertThat(OfferWorld.created(ok).at("/attributes/numberOfPeriods").asInt()).isEqualTo(3);
  }
}
