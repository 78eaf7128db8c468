package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo seed's catalogue behaves as one built through the API would (docs/commerce/products.md
 * "Demo seed"): priced on real price points with a scheduled change and an introductory offer;
 * every product ready or past has its availability and a processed review screenshot, so a write
 * keeps it where it is; products in the states a user meets (rejected, removed from sale, missing
 * metadata with the reasons); an offer code with a one-time-use batch whose file is served.
 */
class DemoCommerceAcceptanceTest extends DemoServerTest {
  private static final Map<String, String> READY_OR_LATER_IAPS = Map.of("6752100101", "APPROVED", "6752100102", "APPROVED",
      "6752100103", "APPROVED", "6752100104", "READY_TO_SUBMIT", "6752100201", "APPROVED", "6752100202", "APPROVED");
  private static final Map<String, String> READY_OR_LATER_SUBSCRIPTIONS = Map.of("6752100301", "APPROVED", "6752100302", "APPROVED",
      "6752100303", "READY_TO_SUBMIT");

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

  @Test
  void everyReadyOrLaterProductHasItsAvailabilityAndAProcessedReviewScreenshot() {
    READY_OR_LATER_IAPS.forEach((id, state) -> {
      assertThat(new CommerceCalls(server).iapState(id)).as(id).isEqualTo(state);
      assertThat(server.get("/v1/inAppPurchaseAvailabilities/" + id + "/availableTerritories?limit=200").json().path("data")).as(id).hasSize(175);
      assertThat(server.get("/v2/inAppPurchases/" + id + "/inAppPurchaseAvailability").json().at("/data/attributes/availableInNewTerritories")
          .asBoolean()).isTrue();
      JsonNode shot = server.get("/v2/inAppPurchases/" + id + "/appStoreReviewScreenshot").json();
      assertThat(shot.at("/data/attributes/assetDeliveryState/state").asText()).as(id).isEqualTo("COMPLETE");
      assertThat(server.get("/v2/inAppPurchases/" + id + "/inAppPurchaseLocalizations").json().path("data")).as(id).isNotEmpty();
    });
    READY_OR_LATER_SUBSCRIPTIONS.forEach((id, state) -> {
      assertThat(new CommerceCalls(server).subscriptionState(id)).as(id).isEqualTo(state);
      assertThat(server.get("/v1/subscriptionAvailabilities/" + id + "/availableTerritories?limit=200").json().path("data")).as(id).hasSize(175);
      JsonNode shot = server.get("/v1/subscriptions/" + id + "/appStoreReviewScreenshot").json();
      assertThat(shot.at("/data/attributes/assetDeliveryState/state").asText()).as(id).isEqualTo("COMPLETE");
      assertThat(server.get("/v1/subscriptions/" + id + "/prices").json().path("data")).as(id).isNotEmpty();
    });
  }

  @Test
  void aWriteToAPartOfAReadyOrApprovedProductKeepsItsState() {
    CommerceCalls calls = new CommerceCalls(server);
    ok(server.send("PATCH", "/v1/inAppPurchaseLocalizations/44da801a-4470-50f1-8910-081f82d8fae1", "{\"data\":{\"type\":"
        + "\"inAppPurchaseLocalizations\",\"id\":\"44da801a-4470-50f1-8910-081f82d8fae1\",\"attributes\":{\"description\":\"Thank you!\"}}}"));
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", "6752100104", "fr-FR", "Gros pourboire", "Merci !"));
    assertThat(calls.iapState("6752100104")).isEqualTo("READY_TO_SUBMIT");
    ok(calls.localize("subscriptionLocalizations", "subscription", "subscriptions", "6752100303", "de-DE", "Ledgerly Familie", "Alles aus Plus."));
    assertThat(calls.subscriptionState("6752100303")).isEqualTo("READY_TO_SUBMIT");
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", "6752100103", "fr-FR", "Petit pourboire", "Merci !"));
    assertThat(calls.iapState("6752100103")).isEqualTo("APPROVED");
    // ready for real: Tip Jar Large is submitted on its own (Tideline has approved in-app purchases)
    created(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", "6752100104"));
    assertThat(calls.iapState("6752100104")).isEqualTo("WAITING_FOR_REVIEW");
  }

  @Test
  void annualReport2026StaysMissingMetadataAndSaysWhy() {
    CommerceCalls calls = new CommerceCalls(server);
    assertThat(calls.iapState("6752100203")).isEqualTo("MISSING_METADATA");
    TestServer.Reply r = calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", "6752100203");
    ReleaseWorld.refused(r, 409, List.of(Arrays.asList("STATE_ERROR.ENTITY_STATE_INVALID", "inAppPurchases with id '6752100203' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.", null)), "no price", "no availability", "no App Review screenshot");
    assertThat(r.json().at("/errors/0/meta/associatedErrors/~1v2~1inAppPurchases~16752100203")).extracting(e -> e.at("/source/pointer").asText())
        .containsExactly("/data/relationships/iapPriceSchedule", "/data/relationships/inAppPurchaseAvailability",
            "/data/relationships/appStoreReviewScreenshot");
  }

  @Test
  void aRejectedProductIsFixedByAWriteAndARemovedOneReturnsToSale() {
    CommerceCalls calls = new CommerceCalls(server);
    assertThat(calls.iapState("6752100105")).isEqualTo("REJECTED");
    JsonNode price = server.get("/v1/inAppPurchasePriceSchedules/6752100105/manualPrices?include=inAppPurchasePricePoint").json();
    assertThat(price.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText()).containsExactly("2.99");
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", "6752100105", "fr-FR", "Alertes tempête", "Alertes."));
    assertThat(calls.iapState("6752100105")).isEqualTo("READY_TO_SUBMIT");

    assertThat(calls.iapState("6752100204")).isEqualTo("DEVELOPER_REMOVED_FROM_SALE");
    assertThat(server.get("/v1/inAppPurchaseAvailabilities/6752100204/availableTerritories").json().path("data")).isEmpty();
    ok(calls.availability("inAppPurchaseAvailabilities", "inAppPurchase", "inAppPurchases", "6752100204", "USA", "FRA"));
    assertThat(calls.iapState("6752100204")).isEqualTo("APPROVED");
  }

  @Test
  void plusMonthlyHasAnOfferCodeWithACustomCodeAndAOneTimeUseBatchWhoseFileIsServed() {
    JsonNode codes = server.get("/v1/subscriptions/6752100301/offerCodes?include=oneTimeUseCodes,customCodes").json();
    assertThat(codes.path("data")).extracting(o -> o.at("/attributes/name").asText() + " " + o.at("/attributes/offerMode").asText() + " "
        + o.at("/attributes/totalNumberOfCodes").asInt()).containsExactly("Winter Comeback FREE_TRIAL 600");
    assertThat(codes.path("included")).extracting(i -> i.path("type").asText() + " " + i.at("/attributes/numberOfCodes").asInt())
        .containsExactlyInAnyOrder("subscriptionOfferCodeOneTimeUseCodes 100", "subscriptionOfferCodeCustomCodes 500");
    TestServer.Reply file = server.get("/v1/subscriptionOfferCodeOneTimeUseCodes/seed-onetimecodes-6752100301/values");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.header("Content-Type")).isEqualTo("text/csv");
    List<String> lines = file.body().lines().toList();
    assertThat(lines).hasSize(100).allMatch(c -> c.matches("[2-9A-HJ-NP-Z]{12}"));
    assertThat(new HashSet<>(lines)).hasSize(100);
    // the custom code is taken in the team, as one created through the API
    TestServer.Reply taken = server.send("POST", "/v1/subscriptionOfferCodeCustomCodes", "{\"data\":{\"type\":\"subscriptionOfferCodeCustomCodes\","
        + "\"attributes\":{\"customCode\":\"LEDGERLYWINTER\",\"numberOfCodes\":10},\"relationships\":{"
        + CommerceCalls.rel("offerCode", "subscriptionOfferCodes", "seed-offercode-6752100301") + "}}}");
    assertThat(taken.status()).as(taken.body()).isEqualTo(409);
  }
}
