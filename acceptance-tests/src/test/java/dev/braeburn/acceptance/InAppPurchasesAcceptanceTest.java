package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In-app purchases (docs/commerce/products.md): Apple's identifier rules, a product ID never used
 * again after its product is deleted, MISSING_METADATA ⇄ READY_TO_SUBMIT as metadata is completed
 * and broken, an incomplete product refused at submission, review on its own on the virtual clock,
 * the first in-app purchase of an app refused alone, and removal from sale.
 */
class InAppPurchasesAcceptanceTest extends CommerceServerTest {
  @Test
  void productIdsAndReferenceNamesFollowApplesRules() {
    TestServer.Reply first = calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.export", "CSV Export", "NON_CONSUMABLE");
    String id = created(first);
    assertThat(first.json().at("/data/attributes/state").asText()).isEqualTo("MISSING_METADATA");
    assertThat(first.json().at("/data/attributes/contentHosting").asBoolean()).isFalse();

    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.export", "CSV Export 2", "CONSUMABLE"), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "This product ID has already been used", "/data/attributes/productId")), "CSV Export", id);
    // unique across in-app purchases and subscriptions: the seed's monthly subscription holds this one
    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.plus.monthly", "Monthly", "CONSUMABLE"), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "This product ID has already been used", "/data/attributes/productId")), "subscriptions 6752100301");
    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.export-pdf", "PDF Export", "CONSUMABLE"), 409,
        List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
            "The product ID can only contain alphanumeric characters, underscores, and periods.", "/data/attributes/productId")), "export-pdf");
    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.themes2", "Theme Pack", "NON_CONSUMABLE"), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "The reference name you entered is already being used.", "/data/attributes/name")), "6752100202");
    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.long", "x".repeat(65), "NON_CONSUMABLE"), 409,
        List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG", "An attribute value is too long.", "Reference Name cannot be longer than 64 characters.",
            "/data/attributes/name")));
    // the same product ID in another app is fine
    created(calls.createIap(SLOW_HARBOR, "com.tidewaterlabs.ledgerly.export", "CSV Export", "NON_CONSUMABLE"));

    // Family Sharing, once on, stays on
    ok(server.send("PATCH", "/v2/inAppPurchases/" + id, "{\"data\":{\"type\":\"inAppPurchases\",\"id\":\"" + id + "\",\"attributes\":{\"familySharable\":true}}}"));
    ReleaseWorld.refused(server.send("PATCH", "/v2/inAppPurchases/" + id, "{\"data\":{\"type\":\"inAppPurchases\",\"id\":\"" + id
        + "\",\"attributes\":{\"familySharable\":false}}}"), 409, List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE",
        "An attribute value is not acceptable for the current resource state.", "Family Sharing cannot be turned off once it is turned on.",
        "/data/attributes/familySharable")), "Family Sharing");
  }

  @Test
  void aDeletedProductsIdIsNeverUsedAgain() {
    String id = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.onceonly", "Once Only", "CONSUMABLE");
    assertThat(server.send("DELETE", "/v2/inAppPurchases/" + id, null).status()).isEqualTo(204);
    assertThat(server.get("/v2/inAppPurchases/" + id).status()).isEqualTo(404);
    ReleaseWorld.refused(calls.createIap(LEDGERLY, "com.tidewaterlabs.ledgerly.onceonly", "Once Only Again", "CONSUMABLE"), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "This product ID has already been used", "/data/attributes/productId")),
        "deleted", "never lets a product ID be used again");
    // nor as a subscription, and the retired list does not show in the app's response
    assertThat(server.get("/v1/apps/" + LEDGERLY).body()).doesNotContain("onceonly");
    ReleaseWorld.refused(calls.createSubscription("21580417", "com.tidewaterlabs.ledgerly.onceonly", "Once", "ONE_MONTH", null), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "This product ID has already been used", "/data/attributes/productId")), "deleted");
    // an approved product is not deleted (inferred gate)
    ReleaseWorld.refused(server.send("DELETE", "/v2/inAppPurchases/6752100101", null), 409, List.of(Arrays.asList("STATE_ERROR.INVALID_STATE",
        "The request cannot be fulfilled because of the state of another resource.",
        "The inAppPurchases with id '6752100101' cannot be deleted in state APPROVED.", null)));
  }

  @Test
  void metadataMovesTheStateBothWays() {
    String id = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.budgets", "Budget Pack", "NON_CONSUMABLE");
    TestServer.Reply loc = calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "en-US", "Budgets", "More budgets.");
    String localization = created(loc);
    ReleaseWorld.refused(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "en-US", "Budgets 2", null), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "A localization for the locale 'en-US' already exists.", "/data/attributes/locale")), "PATCH it");
    ReleaseWorld.refused(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "de-DE", "B".repeat(36), null), 409,
        List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG", "An attribute value is too long.", "Display Name cannot be longer than 35 characters.",
            "/data/attributes/name")));
    assertThat(calls.iapState(id)).isEqualTo("MISSING_METADATA");
    ok(calls.iapPriceSchedule(id));
    ok(calls.availability("inAppPurchaseAvailabilities", "inAppPurchase", "inAppPurchases", id, "USA"));
    assertThat(calls.iapState(id)).as("no review screenshot yet").isEqualTo("MISSING_METADATA");
    TestServer.Reply shot = calls.screenshot("inAppPurchaseAppStoreReviewScreenshots", "inAppPurchaseV2", "inAppPurchases", id);
    ok(shot);
    assertThat(calls.iapState(id)).isEqualTo("READY_TO_SUBMIT");
    assertThat(server.send("DELETE", "/v2/inAppPurchaseLocalizations/" + localization, null).status()).isEqualTo(204);
    assertThat(calls.iapState(id)).isEqualTo("MISSING_METADATA");
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "en-US", "Budgets", "More budgets."));
    assertThat(calls.iapState(id)).isEqualTo("READY_TO_SUBMIT");
  }

  @Test
  void anIncompleteInAppPurchaseIsRefusedAtSubmission() {
    String id = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.half", "Half Done", "NON_CONSUMABLE");
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "en-US", "Half", "Half done."));
    TestServer.Reply r = calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", id);
    ReleaseWorld.refused(r, 409, List.of(Arrays.asList("STATE_ERROR.ENTITY_STATE_INVALID", "inAppPurchases with id '" + id + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.", null)), "no price", "no availability", "no App Review screenshot");
    JsonNode associated = r.json().at("/errors/0/meta/associatedErrors/~1v2~1inAppPurchases~1" + id);
    assertThat(associated).hasSize(3);
    assertThat(associated.findValuesAsText("code")).containsOnly("ENTITY_ERROR.RELATIONSHIP.REQUIRED");
    assertThat(associated.findValuesAsText("pointer")).containsExactly("/data/relationships/iapPriceSchedule",
        "/data/relationships/inAppPurchaseAvailability", "/data/relationships/appStoreReviewScreenshot");
    assertThat(calls.iapState(id)).isEqualTo("MISSING_METADATA");
  }

  @Test
  void aLaterInAppPurchaseIsReviewedOnItsOwnOnTheClock() {
    String id = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.charts", "Charts", "NON_CONSUMABLE");
    calls.completeIap(id);
    created(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", id));
    assertThat(calls.iapState(id)).isEqualTo("WAITING_FOR_REVIEW");
    ReleaseWorld.refused(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", id), 409, List.of(Arrays.asList("STATE_ERROR",
        "The request cannot be fulfilled because of the state of another resource.",
        "inAppPurchases with id '" + id + "' is WAITING_FOR_REVIEW and cannot be submitted for review.", null)));
    advance(20 * 3600);
    assertThat(calls.iapState(id)).isEqualTo("IN_REVIEW");
    advance(4 * 3600);
    assertThat(calls.iapState(id)).isEqualTo("APPROVED");
  }

  @Test
  void theAdminApiDecidesWhenAutoApprovalIsOff() {
    ok(server.admin("PATCH", "/_braeburn/appReviews", "{\"autoApprove\":false}", server.issuerId));
    String id = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.goals", "Goals", "CONSUMABLE");
    calls.completeIap(id);
    created(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", id));
    advance(48 * 3600);
    assertThat(calls.iapState(id)).isEqualTo("IN_REVIEW");
    TestServer.Reply decided = server.admin("POST", "/_braeburn/productReviews/inAppPurchases/" + id, "{\"decision\":\"DEVELOPER_ACTION_NEEDED\"}",
        server.issuerId);
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    assertThat(calls.iapState(id)).isEqualTo("DEVELOPER_ACTION_NEEDED");
    // fixed (any metadata write) it is ready again
    ok(calls.localize("inAppPurchaseLocalizations", "inAppPurchaseV2", "inAppPurchases", id, "fr-FR", "Objectifs", "Des objectifs."));
    assertThat(calls.iapState(id)).isEqualTo("READY_TO_SUBMIT");
  }

  @Test
  void theFirstInAppPurchaseOfAnAppIsNotReviewedAlone() {
    String id = calls.iap(SLOW_HARBOR, "com.example.slowharbor.map", "Harbor Map", "NON_CONSUMABLE");
    calls.completeIap(id);
    ReleaseWorld.refused(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", id), 409, List.of(Arrays.asList(
        "STATE_ERROR.FIRST_SUBSCRIPTION_MUST_BE_SUBMITTED_ON_VERSION", "The request cannot be fulfilled because of the state of another resource.",
        "Your first in-app purchase must be submitted with a new app version.", null)), "no approved in-app purchase", "inAppPurchaseVersion");
    assertThat(calls.iapState(id)).isEqualTo("READY_TO_SUBMIT");
  }

  @Test
  void anApprovedProductAvailableNowhereIsRemovedFromSale() {
    ok(calls.availability("inAppPurchaseAvailabilities", "inAppPurchase", "inAppPurchases", "6752100101"));
    assertThat(calls.iapState("6752100101")).isEqualTo("DEVELOPER_REMOVED_FROM_SALE");
    ok(calls.availability("inAppPurchaseAvailabilities", "inAppPurchase", "inAppPurchases", "6752100101", "USA"));
    assertThat(calls.iapState("6752100101")).isEqualTo("APPROVED");
  }

  private void advance(long seconds) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null));
  }
}
