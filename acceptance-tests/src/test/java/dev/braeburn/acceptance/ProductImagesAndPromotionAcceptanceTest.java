package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;
import static dev.braeburn.acceptance.CommerceCalls.rel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promotional images and promoted purchases (docs/commerce/products.md): an image is reserved,
 * uploaded and committed like a review screenshot, is optional for readiness, one per product, and
 * rides with its product's review; a promoted purchase follows its product's review too.
 */
class ProductImagesAndPromotionAcceptanceTest extends CommerceServerTest {
  private static final String RELATIONSHIP_INVALID = "ENTITY_ERROR.RELATIONSHIP.INVALID";
  private static final String RELATIONSHIP_TITLE = "The provided entity includes a relationship with an invalid value";
  private static final String TIDELINE = "1600000001";
  private static final String TIP_JAR_SMALL = "6752100103"; // demo seed: an approved in-app purchase of Tideline

  @Test
  void anImageUploadsAndRidesWithItsProductsReviewAsItsPromotionDoes() throws Exception {
    String iap = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.promo.themes", "Themes", "NON_CONSUMABLE");
    calls.completeIap(iap);
    byte[] png = BuildUploads.icon(1024);
    TestServer.Reply reserved = image("inAppPurchaseImages", "inAppPurchase", "inAppPurchases", iap, png.length);
    String image = created(reserved);
    assertThat(reserved.json().at("/data/attributes/state").asText()).isEqualTo("AWAITING_UPLOAD");
    ReleaseWorld.refused(image("inAppPurchaseImages", "inAppPurchase", "inAppPurchases", iap, png.length), 409, List.of(Arrays.asList(
        RELATIONSHIP_INVALID, RELATIONSHIP_TITLE, "The in-app purchase already has a promotional image.", "/data/relationships/inAppPurchase")),
        "already has promotional image " + image, "inferred");
    String version = created(server.send("POST", "/v1/inAppPurchaseVersions", "{\"data\":{\"type\":\"inAppPurchaseVersions\",\"relationships\":{"
        + rel("inAppPurchase", "inAppPurchases", iap) + "}}}"));
    ReleaseWorld.refused(server.send("POST", "/v2/inAppPurchaseImages", "{\"data\":{\"type\":\"inAppPurchaseImages\",\"attributes\":{"
        + "\"fileName\":\"promo2.png\",\"fileSize\":2048},\"relationships\":{" + rel("version", "inAppPurchaseVersions", version) + "}}}"), 409,
        List.of(Arrays.asList(RELATIONSHIP_INVALID, RELATIONSHIP_TITLE, "The in-app purchase already has a promotional image.",
            "/data/relationships/version")), image);

    JsonNode op = reserved.json().at("/data/attributes/uploadOperations/0");
    assertThat(new BuildUploads(server).putPart(op, png).statusCode()).isEqualTo(200);
    TestServer.Reply committed = server.send("PATCH", "/v1/inAppPurchaseImages/" + image, "{\"data\":{\"type\":\"inAppPurchaseImages\",\"id\":\""
        + image + "\",\"attributes\":{\"uploaded\":true,\"sourceFileChecksum\":\"" + BuildUploads.md5(png) + "\"}}}");
    assertThat(committed.status()).as(committed.body()).isEqualTo(200);
    assertThat(committed.json().at("/data/attributes/state").asText()).isEqualTo("UPLOAD_COMPLETE");
    advance(60);
    assertThat(calls.state("/v1/inAppPurchaseImages/" + image)).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(server.get("/v2/inAppPurchaseImages/" + image).json().at("/data/attributes/assetDeliveryState/state").asText()).isEqualTo("COMPLETE");
    assertThat(Docs.ids(server.get("/v2/inAppPurchases/" + iap + "/images"))).containsExactly(image);
    assertThat(calls.iapState(iap)).isEqualTo("READY_TO_SUBMIT");

    String promoted = created(promote(LEDGERLY, "inAppPurchaseV2", "inAppPurchases", iap));
    assertThat(calls.state("/v1/promotedPurchases/" + promoted)).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(Docs.ids(server.get("/v1/apps/" + LEDGERLY + "/promotedPurchases"))).contains(promoted);

    created(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", iap));
    assertThat(calls.state("/v1/inAppPurchaseImages/" + image)).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(calls.state("/v1/promotedPurchases/" + promoted)).isEqualTo("IN_REVIEW");
    advance(24 * 3600);
    assertThat(calls.iapState(iap)).isEqualTo("APPROVED");
    assertThat(calls.state("/v1/inAppPurchaseImages/" + image)).isEqualTo("APPROVED");
    assertThat(calls.state("/v1/promotedPurchases/" + promoted)).isEqualTo("APPROVED");
  }

  @Test
  void aRejectedProductsImageAndPromotionAreRejected() {
    ok(server.admin("PATCH", "/_braeburn/appReviews", "{\"autoApprove\":false}", server.issuerId));
    String group = "21580417"; // demo seed: Ledgerly Plus
    String subscription = created(calls.createSubscription(group, "com.tidewaterlabs.ledgerly.plus.weekly", "Plus Weekly", "ONE_WEEK", null));
    calls.completeSubscription(subscription);
    String image = created(image("subscriptionImages", "subscription", "subscriptions", subscription, 2048));
    assertThat(calls.state("/v1/subscriptionImages/" + image)).isEqualTo("AWAITING_UPLOAD");
    String promoted = created(promote(LEDGERLY, "subscription", "subscriptions", subscription));
    created(calls.submit("subscriptionSubmissions", "subscription", "subscriptions", subscription));
    assertThat(calls.state("/v1/promotedPurchases/" + promoted)).isEqualTo("IN_REVIEW");
    assertThat(calls.state("/v1/subscriptionImages/" + image)).as("an image not uploaded does not go to review").isEqualTo("AWAITING_UPLOAD");
    ok(server.admin("POST", "/_braeburn/productReviews/subscriptions/" + subscription, "{\"decision\":\"REJECTED\"}", server.issuerId));
    assertThat(calls.state("/v1/promotedPurchases/" + promoted)).isEqualTo("REJECTED");
  }

  @Test
  void promotedPurchasesAreRefusedForAnotherAppsProductTwiceOrWithoutAProduct() {
    TestServer.Reply approved = promote(TIDELINE, "inAppPurchaseV2", "inAppPurchases", TIP_JAR_SMALL);
    String promoted = created(approved);
    assertThat(approved.json().at("/data/attributes/state").asText()).as("an approved product's promotion is approved").isEqualTo("APPROVED");
    ReleaseWorld.refused(promote(TIDELINE, "inAppPurchaseV2", "inAppPurchases", TIP_JAR_SMALL), 409, List.of(Arrays.asList(RELATIONSHIP_INVALID,
        RELATIONSHIP_TITLE, "The in-app purchase is already promoted.", "/data/relationships/inAppPurchaseV2")), promoted);
    String other = calls.iap(SLOW_HARBOR, "com.example.slowharbor.charts", "Harbor Charts", "NON_CONSUMABLE");
    ReleaseWorld.refused(promote(TIDELINE, "inAppPurchaseV2", "inAppPurchases", other), 409, List.of(Arrays.asList(RELATIONSHIP_INVALID,
        RELATIONSHIP_TITLE, "The in-app purchase does not belong to this app.", "/data/relationships/inAppPurchaseV2")), "belongs to app " + SLOW_HARBOR);
    ReleaseWorld.refused(server.send("POST", "/v1/promotedPurchases", "{\"data\":{\"type\":\"promotedPurchases\",\"attributes\":"
        + "{\"visibleForAllUsers\":true},\"relationships\":{" + rel("app", "apps", TIDELINE) + "}}}"), 409, List.of(Arrays.asList(RELATIONSHIP_INVALID,
        RELATIONSHIP_TITLE, "A promoted purchase names exactly one in-app purchase or subscription.", "/data/relationships/inAppPurchaseV2")),
        "neither");
    TestServer.Reply hidden = server.send("PATCH", "/v1/promotedPurchases/" + promoted, "{\"data\":{\"type\":\"promotedPurchases\",\"id\":\""
        + promoted + "\",\"attributes\":{\"visibleForAllUsers\":false,\"enabled\":false}}}");
    assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
    assertThat(hidden.json().at("/data/attributes/enabled").asBoolean(true)).isFalse();
  }

  private TestServer.Reply image(String type, String relationship, String ownerType, String owner, long size) {
    return server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"fileName\":\"promo.png\",\"fileSize\":" + size
        + "},\"relationships\":{" + rel(relationship, ownerType, owner) + "}}}");
  }

  private TestServer.Reply promote(String app, String relationship, String productType, String product) {
    return server.send("POST", "/v1/promotedPurchases", "{\"data\":{\"type\":\"promotedPurchases\",\"attributes\":{\"visibleForAllUsers\":true,"
        + "\"enabled\":true},\"relationships\":{" + rel("app", "apps", app) + "," + rel(relationship, productType, product) + "}}}");
  }

  private void advance(long seconds) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null));
  }
}
