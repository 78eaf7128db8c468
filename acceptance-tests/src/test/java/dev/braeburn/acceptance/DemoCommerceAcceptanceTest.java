package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The demo seed's catalogue is priced as the API would have priced it (docs/commerce.md): manual
 * prices on real price points, a scheduled change, subscription prices, an introductory offer.
 */
class DemoCommerceAcceptanceTest extends DemoServerTest {
  @Test
  void theDemoProductsArePricedWithAScheduledChangeAndAnIntroductoryOffer() {
    JsonNode manual = server.get("/v1/inAppPurchasePriceSchedules/6752100103/manualPrices?include=inAppPurchasePricePoint").json();
    assertThat(manual.path("data")).extracting(p -> p.at("/attributes/startDate").asText(null) + ".." + p.at("/attributes/endDate").asText(null))
        .containsExactly("null..2027-03-01", "2027-03-01..null");
    assertThat(manual.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText()).containsExactly("0.99", "1.99");
    JsonNode automatic = server.get("/v1/inAppPurchasePriceSchedules/6752100101/automaticPrices?filter[territory]=JPN&include=inAppPurchasePricePoint")
        .json();
    assertThat(automatic.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText()).isNotEmpty();

    JsonNode prices = server.get("/v1/subscriptions/6752100302/prices?include=subscriptionPricePoint").json();
    assertThat(prices.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText()).containsExactly("79.99");
    JsonNode intro = server.get("/v1/subscriptions/6752100301/introductoryOffers").json();
    assertThat(intro.path("data")).extracting(o -> o.at("/attributes/offerMode").asText() + " " + o.at("/attributes/duration").asText())
        .containsExactly("FREE_TRIAL ONE_WEEK");
  }
}
