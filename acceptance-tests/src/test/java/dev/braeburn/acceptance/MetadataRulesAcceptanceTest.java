package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The metadata rows of type-rules.json as a release tool meets them (review-pipeline.md §1, §3):
 * the forum case behind issue 13 — {@code PATCH /v1/apps/{id}} with {@code contentRightsDeclaration}
 * refused on a live app — answered as Apple did and explained; what a live version and a live app
 * info refuse and what they still take; Apple's length limits.
 */
class MetadataRulesAcceptanceTest extends DemoServerTest {
  private static final String LIVE_APP = "1600000001"; // demo seed: Tideline, live since 3.4.0, has builds
  private static final String LIVE_VERSION_LOCALIZATION = "3feb8e42-ff63-53c6-b602-1025db97b5fc"; // of the live 3.4.1
  private static final String EDITABLE_VERSION_LOCALIZATION = "cddec1c8-5ede-52c2-ad7e-1025e2774d7e"; // of the editable 3.5.0
  private static final String LIVE_APP_INFO_LOCALIZATION = "ee2cc992-0ef4-5866-a94a-421cebdcf88c";
  private static final String EDITABLE_APP_INFO_LOCALIZATION = "7d2f4938-0878-5a8a-af92-fd1e8c9e484e";

  private TestServer.Reply patch(String type, String id, String attributes) {
    return server.send("PATCH", "/v1/" + type + "/" + id,
        "{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"attributes\":" + attributes + "}}");
  }

  private TestServer.Reply contentRights(String app, String value) {
    return patch("apps", app, "{\"contentRightsDeclaration\":\"" + value + "\"}");
  }

  private void load(String resources) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", "{\"data\":[" + resources + "]}", null);
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
  }

  private static String app(String id) {
    return "{\"type\":\"apps\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"App " + id + "\",\"bundleId\":\"com.example." + id
        + "\",\"sku\":\"SKU" + id + "\",\"primaryLocale\":\"en-US\"}}";
  }

  private static String version(String id, String app, String state) {
    return "{\"type\":\"appStoreVersions\",\"id\":\"" + id + "\",\"attributes\":{\"platform\":\"IOS\",\"versionString\":\"1.0\","
        + "\"appVersionState\":\"" + state + "\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}}}";
  }

  @Test
  void theForumCaseContentRightsOnALiveAppIsRefusedEvenUnchangedAndExplained() {
    TestServer.Reply r = contentRights(LIVE_APP, "DOES_NOT_USE_THIRD_PARTY_CONTENT"); // what fastlane deliver sends on every run
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors")).hasSize(1);
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("status").asText()).isEqualTo("409");
    assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE");
    assertThat(error.path("title").asText()).isEqualTo("An attribute value is not acceptable for the current resource state.");
    assertThat(error.has("detail")).as("fastlane printed no detail").isFalse();
    assertThat(error.at("/source/pointer").asText()).isEqualTo("contentRightsDeclaration");
    assertThat(r.header("x-braeburn-diagnosis")).contains("'contentRightsDeclaration' may change only while @released is NEVER_RELEASED")
        .contains("it is RELEASED").contains("inferred").contains("appStoreVersions");
    JsonNode entry = server.admin("GET", "/_braeburn/requests?status=409", null, null).json().path("data").get(0);
    assertThat(entry.path("diagnosis").asText()).contains("review-pipeline.md §1.3").contains("@released is RELEASED when any of appStoreVersions");
    assertThat(contentRights(LIVE_APP, "USES_THIRD_PARTY_CONTENT").status()).isEqualTo(409);
    // other attributes of a live app still change
    assertThat(patch("apps", LIVE_APP, "{\"primaryLocale\":\"en-GB\"}").status()).isEqualTo(200);
  }

  @Test
  void anAppNeverReleasedAnswersContentRightsAsOftenAsItLikes() {
    load(app("1700000001") + "," + version("b0000000-0000-4000-8000-000000000001", "1700000001", "PREPARE_FOR_SUBMISSION"));
    assertThat(contentRights("1700000001", "USES_THIRD_PARTY_CONTENT").status()).isEqualTo(200);
    TestServer.Reply changed = contentRights("1700000001", "DOES_NOT_USE_THIRD_PARTY_CONTENT");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().at("/data/attributes/contentRightsDeclaration").asText()).isEqualTo("DOES_NOT_USE_THIRD_PARTY_CONTENT");
  }

  @Test
  void aLegacyLiveAppWithoutAnAnswerMaySetItOnce() {
    load(app("1700000002") + "," + version("b0000000-0000-4000-8000-000000000002", "1700000002", "READY_FOR_DISTRIBUTION"));
    assertThat(contentRights("1700000002", "DOES_NOT_USE_THIRD_PARTY_CONTENT").status()).isEqualTo(200);
    assertThat(contentRights("1700000002", "DOES_NOT_USE_THIRD_PARTY_CONTENT").status()).isEqualTo(409);
  }

  @Test
  void aLiveVersionRefusesItsTextOneErrorPerFieldButTakesPromotionalText() {
    TestServer.Reply r = patch("appStoreVersionLocalizations", LIVE_VERSION_LOCALIZATION,
        "{\"description\":\"New words\",\"keywords\":\"tides,surf\",\"promotionalText\":\"Storm season is here\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors")).hasSize(2);
    JsonNode first = r.json().path("errors").get(0);
    assertThat(first.path("code").asText()).isEqualTo("STATE_ERROR");
    assertThat(first.path("title").asText()).isEqualTo("The request cannot be fulfilled because of the state of another resource.");
    assertThat(first.path("detail").asText()).isEqualTo("Attribute 'description' cannot be edited at this time");
    assertThat(first.at("/source/pointer").asText()).isEqualTo("/data/attributes/description");
    assertThat(r.json().path("errors").get(1).path("detail").asText()).isEqualTo("Attribute 'keywords' cannot be edited at this time");
    TestServer.Reply promo = patch("appStoreVersionLocalizations", LIVE_VERSION_LOCALIZATION, "{\"promotionalText\":\"Storm season is here\"}");
    assertThat(promo.status()).as(promo.body()).isEqualTo(200);
  }

  @Test
  void whatsNewBelongsToUpdatesOnly() {
    load(app("1700000003") + "," + version("b0000000-0000-4000-8000-000000000003", "1700000003", "PREPARE_FOR_SUBMISSION"));
    TestServer.Reply refused = server.send("POST", "/v1/appStoreVersionLocalizations", "{\"data\":{\"type\":\"appStoreVersionLocalizations\","
        + "\"attributes\":{\"locale\":\"en-US\",\"description\":\"First\",\"whatsNew\":\"Everything\"},\"relationships\":{\"appStoreVersion\":"
        + "{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"b0000000-0000-4000-8000-000000000003\"}}}}}");
    assertThat(refused.status()).isEqualTo(409);
    JsonNode error = refused.json().path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE");
    assertThat(error.path("detail").asText()).isEqualTo("The attribute 'whatsNew' is not editable.");
    assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/whatsNew");
    assertThat(refused.header("x-braeburn-diagnosis")).contains("FIRST_VERSION").contains("@platformReleased is UPDATE when any of app.appStoreVersions");
    // the editable update of a live app takes it
    assertThat(patch("appStoreVersionLocalizations", EDITABLE_VERSION_LOCALIZATION, "{\"whatsNew\":\"Tide tables for 2027\"}").status())
        .isEqualTo(200);
  }

  @Test
  void aLiveAppInfoRefusesItsNameAndSubtitleWithApplesFieldError() {
    TestServer.Reply r = patch("appInfoLocalizations", LIVE_APP_INFO_LOCALIZATION, "{\"name\":\"Tideline Pro\",\"subtitle\":\"Tides\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors")).hasSize(2);
    assertThat(r.json().path("errors").get(0).path("detail").asText()).isEqualTo("The field 'name' can not be modified in the current state.");
    assertThat(r.json().path("errors").get(0).at("/source/pointer").asText()).isEqualTo("/data/attributes/name");
    assertThat(r.json().path("errors").get(1).path("detail").asText()).isEqualTo("The field 'subtitle' can not be modified in the current state.");
    assertThat(patch("appInfoLocalizations", EDITABLE_APP_INFO_LOCALIZATION, "{\"name\":\"Tideline Pro\"}").status()).isEqualTo(200);
  }

  @Test
  void textLongerThanAppleTakesIsRefusedBeforeAnythingIsWritten() {
    TestServer.Reply r = patch("appStoreVersionLocalizations", EDITABLE_VERSION_LOCALIZATION,
        "{\"keywords\":\"" + "k".repeat(101) + "\",\"promotionalText\":\"" + "p".repeat(170) + "\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("errors")).hasSize(1);
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG");
    assertThat(error.path("title").asText()).isEqualTo("An attribute value is too long.");
    assertThat(error.path("detail").asText()).isEqualTo("Keywords cannot be longer than 100 characters.");
    assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/keywords");
    assertThat(r.header("x-braeburn-diagnosis")).contains("'keywords' is 101 characters");
    // characters, not bytes or UTF-16 units: 30 emoji make a 30-character name
    assertThat(patch("appInfoLocalizations", EDITABLE_APP_INFO_LOCALIZATION, "{\"name\":\"" + "🌊".repeat(30) + "\"}").status()).isEqualTo(200);
    assertThat(patch("appInfoLocalizations", EDITABLE_APP_INFO_LOCALIZATION, "{\"name\":\"" + "🌊".repeat(31) + "\"}").status()).isEqualTo(409);
  }

  @Test
  void aLockedVersionTakesNoScreenshotSetsAndNoNewLocales() {
    TestServer.Reply set = server.send("POST", "/v1/appScreenshotSets", "{\"data\":{\"type\":\"appScreenshotSets\",\"attributes\":"
        + "{\"screenshotDisplayType\":\"APP_IPHONE_67\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":"
        + "{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + LIVE_VERSION_LOCALIZATION + "\"}}}}}");
    assertThat(set.status()).isEqualTo(409);
    assertThat(set.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE");
    assertThat(set.json().at("/errors/0/source/pointer").asText()).isEqualTo("appScreenshotSets");
    assertThat(set.header("x-braeburn-diagnosis")).contains("create appScreenshotSets").contains("READY_FOR_DISTRIBUTION");
    TestServer.Reply locale = server.send("POST", "/v1/appStoreVersionLocalizations", "{\"data\":{\"type\":\"appStoreVersionLocalizations\","
        + "\"attributes\":{\"locale\":\"fr-FR\"},\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\","
        + "\"id\":\"ba28024c-f18c-56a8-9508-1f86dc90a930\"}}}}}");
    assertThat(locale.status()).isEqualTo(409);
    assertThat(locale.json().at("/errors/0/detail").asText())
        .isEqualTo("Cannot create localization after the app version has been submitted for review.");
  }
}
