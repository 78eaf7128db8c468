package dev.braeburn.server.family.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Payload shapes of reports-webhooks.md §4.3. */
class EventPayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-24T10:15:30.123Z");
  private final EventPayload payloads = new EventPayload(JSON);

  private JsonNode parse(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void standardEventHasVersionAttributesTimestampAndInstance() throws Exception {
    ObjectNode attrs = JSON.createObjectNode().put("oldValue", "WAITING_FOR_REVIEW").put("newValue", "IN_REVIEW");
    JsonNode doc = parse(payloads.event(EventType.APP_STORE_VERSION_APP_VERSION_STATE_UPDATED, "e1", "app1", attrs, "appStoreVersions", "v1", T));
    assertThat(doc.toString()).isEqualTo("{\"data\":{\"type\":\"appStoreVersionAppVersionStateUpdated\",\"id\":\"e1\",\"version\":1,"
        + "\"attributes\":{\"oldValue\":\"WAITING_FOR_REVIEW\",\"newValue\":\"IN_REVIEW\",\"timestamp\":\"2026-11-24T10:15:30.123Z\"},"
        + "\"relationships\":{\"instance\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"v1\"}}}}}");
  }

  @Test
  void marketplaceEventsCarryTheAppAndTerritoryEventsNoInstance() throws Exception {
    JsonNode doc = parse(payloads.event(EventType.ALTERNATIVE_DISTRIBUTION_TERRITORY_AVAILABILITY_UPDATED, "e2", "app1", null, null, null, T));
    assertThat(doc.at("/data/attributes/appId").asText()).isEqualTo("app1");
    assertThat(doc.at("/data/relationships/marketplaceApp/data/type").asText()).isEqualTo("apps");
    assertThat(doc.at("/data/relationships/instance").isMissingNode()).isTrue();
  }

  @Test
  void backgroundAssetEventsFollowApplesDocumentedExample() throws Exception {
    JsonNode doc = parse(payloads.event(EventType.BACKGROUND_ASSET_VERSION_STATE_UPDATED, "e3", "app1", null, "backgroundAssetVersions", "b1", T));
    assertThat(doc.at("/data/version").isMissingNode()).isTrue();
    assertThat(doc.at("/data/relationships/instance/type").asText()).isEqualTo("backgroundAssetVersions");
    assertThat(doc.at("/data/relationships/instance/id").asText()).isEqualTo("b1");
  }

  @Test
  void pingIsWebhookPingCreatedWithOnlyATimestamp() throws Exception {
    assertThat(payloads.ping("p1", T)).isEqualTo(
        "{\"data\":{\"type\":\"webhookPingCreated\",\"id\":\"p1\",\"version\":1,\"attributes\":{\"timestamp\":\"2026-11-24T10:15:30.123Z\"}}}");
  }

  @Test
  void everyEventTypeHasItsCamelCaseName() {
    assertThat(EventType.BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED.payloadType()).isEqualTo("buildBetaDetailExternalBuildStateUpdated");
    assertThat(EventType.names()).hasSize(12);
  }

  @Test
  void theTwelveAreTheSpecsWebhookEventTypes() {
    var spec = dev.braeburn.spec.Spec.load();
    assertThat(spec.schema("WebhookEventType").enumValues()).containsExactlyInAnyOrderElementsOf(EventType.names());
  }
}
