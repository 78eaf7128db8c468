package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Apple-hosted content of a NON_CONSUMABLE in-app purchase (docs/commerce/products.md): the admin
 * route stands in for App Store Connect's switch and Transporter's upload; the product waits in
 * WAITING_FOR_UPLOAD, is PROCESSING_CONTENT for five minutes of the virtual clock, then READY_TO_SUBMIT.
 */
class ContentHostingAcceptanceTest extends CommerceServerTest {
  @Test
  void aHostedProductWaitsForItsContentAndItsProcessing() {
    String iap = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.hosted.atlas", "Atlas", "NON_CONSUMABLE");
    assertThat(content(iap, "{\"contentHosting\":true}").at("/data/state").asText()).isEqualTo("MISSING_METADATA");
    calls.completeIap(iap);
    assertThat(calls.iapState(iap)).isEqualTo("WAITING_FOR_UPLOAD");
    assertThat(server.get("/v2/inAppPurchases/" + iap).json().at("/data/attributes/contentHosting").asBoolean()).isTrue();
    ReleaseWorld.refused(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", iap), 409, List.of(Arrays.asList("STATE_ERROR",
        "The request cannot be fulfilled because of the state of another resource.",
        "inAppPurchases with id '" + iap + "' is WAITING_FOR_UPLOAD and cannot be submitted for review.", null)), "WAITING_FOR_UPLOAD");

    assertThat(content(iap, "{\"fileName\":\"atlas.pkg\",\"fileSize\":1048576}").at("/data/state").asText()).isEqualTo("PROCESSING_CONTENT");
    TestServer.Reply related = server.get("/v2/inAppPurchases/" + iap + "/content");
    assertThat(related.status()).as(related.body()).isEqualTo(200);
    JsonNode attributes = related.json().at("/data/attributes");
    assertThat(attributes.path("fileName").asText()).isEqualTo("atlas.pkg");
    assertThat(attributes.path("fileSize").asLong()).isEqualTo(1048576L);
    assertThat(attributes.path("url").asText()).endsWith("/atlas.pkg");
    assertThat(attributes.has("lastModifiedDate")).isTrue();
    assertThat(attributes.has("braeburnProcessing")).isFalse();
    String contentId = related.json().at("/data/id").asText();
    assertThat(server.get("/v1/inAppPurchaseContents/" + contentId).status()).isEqualTo(200);

    advance(4 * 60);
    assertThat(calls.iapState(iap)).isEqualTo("PROCESSING_CONTENT");
    advance(60);
    assertThat(calls.iapState(iap)).isEqualTo("READY_TO_SUBMIT");
    created(calls.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", iap));
    assertThat(calls.iapState(iap)).isEqualTo("WAITING_FOR_REVIEW");
  }

  @Test
  void onlyANonConsumableHostsContent() {
    String iap = calls.iap(LEDGERLY, "com.tidewaterlabs.ledgerly.hosted.coins", "Coins", "CONSUMABLE");
    TestServer.Reply refused = server.admin("POST", "/_braeburn/inAppPurchases/" + iap + "/content", "{\"fileName\":\"coins.pkg\",\"fileSize\":10}",
        server.issuerId);
    assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
    assertThat(refused.body()).contains("NON_CONSUMABLE");
    assertThat(server.get("/v2/inAppPurchases/" + iap).json().at("/data/attributes/contentHosting").asBoolean(true)).isFalse();
  }

  private JsonNode content(String iap, String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/inAppPurchases/" + iap + "/content", body, server.issuerId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private void advance(long seconds) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null));
  }
}
