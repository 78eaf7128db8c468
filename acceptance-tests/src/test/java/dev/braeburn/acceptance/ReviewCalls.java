package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The App Review calls a release tool makes (docs/app-review.md) — review submissions, their
 * items, submit, cancel — and the apps they are made for, loaded through the admin API as an
 * account would have them: {@link #loadNewApp} a never-released app whose first version lacks
 * pieces, {@link #loadReadyApp} one with everything App Review asks for. Ids are derived from the
 * app id, so one server can hold several.
 */
final class ReviewCalls {
  static final List<String> AGE_RATING_ANSWERED = List.of("advertising", "alcoholTobaccoOrDrugUseOrReferences", "contests", "gambling",
      "gamblingSimulated", "gunsOrOtherWeapons", "lootBox", "medicalOrTreatmentInformation", "messagingAndChat", "profanityOrCrudeHumor",
      "ageAssurance", "sexualContentGraphicAndNudity", "sexualContentOrNudity", "socialMedia", "socialMediaAgeRestricted",
      "horrorOrFearThemes", "matureOrSuggestiveThemes", "unrestrictedWebAccess", "userGeneratedContent", "violenceCartoonOrFantasy",
      "violenceRealisticProlongedGraphicOrSadistic", "violenceRealistic");

  /** The ids of one fixture app. */
  record App(String id) {
    String version() {
      return id + "-v1";
    }

    String localization() {
      return id + "-v1-en";
    }

    String build() {
      return id + "-build";
    }

    String appInfo() {
      return id + "-info";
    }

    String appInfoLocalization() {
      return id + "-info-en";
    }

    String ageRating() {
      return id + "-age";
    }

    String reviewDetail() {
      return id + "-review";
    }
  }

  private final TestServer server;

  ReviewCalls(TestServer server) {
    this.server = server;
  }

  /**
   * A new app whose first iOS version lacks: keywords and supportUrl, a build (one is uploaded,
   * unanswered export compliance), a review contact, screenshots, the content rights answer, a
   * primary category, the privacy policy URL, two age-rating answers, a price and App Privacy.
   */
  App loadNewApp(String appId) {
    App app = new App(appId);
    ArrayNode data = TestServer.JSON.createArrayNode();
    resource(data, "apps", appId, attrs().put("name", "Driftwood " + appId).put("bundleId", "com.example.driftwood" + appId)
        .put("sku", "DRIFT-" + appId).put("primaryLocale", "en-US"), null);
    ObjectNode age = attrs();
    AGE_RATING_ANSWERED.forEach(q -> age.set(q, ageAnswer(q)));
    resource(data, "ageRatingDeclarations", app.ageRating(), age, null);
    resource(data, "appInfos", app.appInfo(), attrs().put("state", "PREPARE_FOR_SUBMISSION").put("appStoreState", "PREPARE_FOR_SUBMISSION"),
        rels().<ObjectNode>set("app", link("apps", appId)).set("ageRatingDeclaration", link("ageRatingDeclarations", app.ageRating())));
    resource(data, "appInfoLocalizations", app.appInfoLocalization(), attrs().put("locale", "en-US").put("name", "Driftwood"),
        rels().set("appInfo", link("appInfos", app.appInfo())));
    resource(data, "appStoreVersions", app.version(), attrs().put("platform", "IOS").put("versionString", "1.0.0")
        .put("appStoreState", "PREPARE_FOR_SUBMISSION").put("appVersionState", "PREPARE_FOR_SUBMISSION").put("releaseType", "MANUAL")
        .put("reviewType", "APP_STORE").put("downloadable", true), rels().set("app", link("apps", appId)));
    resource(data, "appStoreVersionLocalizations", app.localization(), attrs().put("locale", "en-US")
        .put("description", "Tide-aware beachcombing."), rels().set("appStoreVersion", link("appStoreVersions", app.version())));
    resource(data, "preReleaseVersions", appId + "-pre", attrs().put("version", "1.0.0").put("platform", "IOS"),
        rels().set("app", link("apps", appId)));
    resource(data, "builds", app.build(), attrs().put("version", "1").put("processingState", "VALID").put("expired", false)
        .put("uploadedDate", "2026-01-01T00:00:00Z").put("expirationDate", "2099-01-01T00:00:00Z").put("minOsVersion", "17.0"),
        rels().<ObjectNode>set("app", link("apps", appId)).set("preReleaseVersion", link("preReleaseVersions", appId + "-pre")));
    load(data);
    return app;
  }

  /** A new app whose first iOS version has everything App Review asks for, and App Privacy published. */
  App loadReadyApp(String appId) {
    App app = loadNewApp(appId);
    ArrayNode data = TestServer.JSON.createArrayNode();
    resource(data, "apps", appId, attrs().put("name", "Driftwood " + appId).put("bundleId", "com.example.driftwood" + appId)
        .put("sku", "DRIFT-" + appId).put("primaryLocale", "en-US").put("contentRightsDeclaration", "DOES_NOT_USE_THIRD_PARTY_CONTENT"), null);
    ObjectNode age = attrs().put("healthOrWellnessTopics", false).put("parentalControls", false);
    AGE_RATING_ANSWERED.forEach(q -> age.set(q, ageAnswer(q)));
    resource(data, "ageRatingDeclarations", app.ageRating(), age, null);
    resource(data, "appInfos", app.appInfo(), attrs().put("state", "PREPARE_FOR_SUBMISSION").put("appStoreState", "PREPARE_FOR_SUBMISSION"),
        rels().set("primaryCategory", link("appCategories", "WEATHER")));
    resource(data, "appInfoLocalizations", app.appInfoLocalization(), attrs().put("locale", "en-US").put("name", "Driftwood")
        .put("privacyPolicyUrl", "https://example.com/privacy"), null);
    resource(data, "appStoreVersionLocalizations", app.localization(), attrs().put("locale", "en-US")
        .put("description", "Tide-aware beachcombing.").put("keywords", "tides,beach").put("supportUrl", "https://example.com/support"), null);
    resource(data, "builds", app.build(), attrs().put("version", "1").put("processingState", "VALID").put("expired", false)
        .put("uploadedDate", "2026-01-01T00:00:00Z").put("expirationDate", "2099-01-01T00:00:00Z").put("minOsVersion", "17.0")
        .put("usesNonExemptEncryption", false), rels().set("appStoreVersion", link("appStoreVersions", app.version())));
    resource(data, "appStoreReviewDetails", app.reviewDetail(), attrs().put("contactFirstName", "Nora").put("contactLastName", "Castellanos")
        .put("contactPhone", "+1 415 555 0100").put("contactEmail", "nora@example.com").put("demoAccountRequired", false),
        rels().set("appStoreVersion", link("appStoreVersions", app.version())));
    resource(data, "appScreenshotSets", appId + "-shots", attrs().put("screenshotDisplayType", "APP_IPHONE_67"),
        rels().set("appStoreVersionLocalization", link("appStoreVersionLocalizations", app.localization())));
    resource(data, "appScreenshots", appId + "-shot-1", attrs().put("fileName", "1.png").put("fileSize", 1024),
        rels().set("appScreenshotSet", link("appScreenshotSets", appId + "-shots")));
    resource(data, "appPrices", appId + "-price", attrs(), null);
    ObjectNode manual = TestServer.JSON.createObjectNode();
    manual.putArray("data").addObject().put("type", "appPrices").put("id", appId + "-price");
    resource(data, "appPriceSchedules", appId, attrs(), rels().<ObjectNode>set("app", link("apps", appId)).set("manualPrices", manual));
    load(data);
    publishPrivacy(appId, true);
    return app;
  }

  private static JsonNode ageAnswer(String question) {
    return List.of("advertising", "gambling", "lootBox", "messagingAndChat", "ageAssurance", "socialMedia", "socialMediaAgeRestricted",
        "unrestrictedWebAccess", "userGeneratedContent").contains(question) ? TestServer.JSON.getNodeFactory().booleanNode(false)
        : TestServer.JSON.getNodeFactory().textNode("NONE");
  }

  void publishPrivacy(String appId, boolean published) {
    TestServer.Reply r = server.admin("PATCH", "/_braeburn/appReviews/apps/" + appId, "{\"dataUsagesPublished\":" + published + "}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- the public API

  TestServer.Reply createSubmission(String appId, String platform) {
    return server.send("POST", "/v1/reviewSubmissions", "{\"data\":{\"type\":\"reviewSubmissions\","
        + (platform == null ? "" : "\"attributes\":{\"platform\":\"" + platform + "\"},")
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + appId + "\"}}}}}");
  }

  String submission(String appId) {
    TestServer.Reply r = createSubmission(appId, "IOS");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  TestServer.Reply addItem(String submissionId, String relationship, String type, String id) {
    return server.send("POST", "/v1/reviewSubmissionItems", "{\"data\":{\"type\":\"reviewSubmissionItems\",\"relationships\":{"
        + "\"reviewSubmission\":{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + submissionId + "\"}},"
        + "\"" + relationship + "\":{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}}}}}");
  }

  TestServer.Reply addVersion(String submissionId, String versionId) {
    return addItem(submissionId, "appStoreVersion", "appStoreVersions", versionId);
  }

  String item(String submissionId, String versionId) {
    TestServer.Reply r = addVersion(submissionId, versionId);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  TestServer.Reply patchSubmission(String submissionId, String attribute, boolean value) {
    return server.send("PATCH", "/v1/reviewSubmissions/" + submissionId, "{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + submissionId
        + "\",\"attributes\":{\"" + attribute + "\":" + value + "}}}");
  }

  TestServer.Reply patchItem(String itemId, String attribute) {
    return server.send("PATCH", "/v1/reviewSubmissionItems/" + itemId, "{\"data\":{\"type\":\"reviewSubmissionItems\",\"id\":\"" + itemId
        + "\",\"attributes\":{\"" + attribute + "\":true}}}");
  }

  /** A ready app's submission with its version, submitted: WAITING_FOR_REVIEW. */
  String submitted(App app) {
    String submission = submission(app.id());
    item(submission, app.version());
    TestServer.Reply r = patchSubmission(submission, "submitted", true);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return submission;
  }

  String submissionState(String id) {
    return attribute("/v1/reviewSubmissions/" + id, "state");
  }

  /** An item's state, read as clients read it: through its submission (items have no GET of their own). */
  String itemState(String submissionId, String itemId) {
    TestServer.Reply r = server.get("/v1/reviewSubmissions/" + submissionId + "/items");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    for (JsonNode item : r.json().path("data")) {
      if (item.path("id").asText().equals(itemId)) {
        return item.at("/attributes/state").asText();
      }
    }
    throw new AssertionError("no item " + itemId + " in " + r.body());
  }

  String versionState(String id) {
    return attribute("/v1/appStoreVersions/" + id, "appVersionState");
  }

  private String attribute(String path, String name) {
    TestServer.Reply r = server.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/attributes/" + name).asText(null);
  }

  TestServer.Reply decide(String submissionId, String decision, String reason) {
    return server.admin("POST", "/_braeburn/appReviews/" + submissionId, "{\"decision\":\"" + decision + "\""
        + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}", server.issuerId);
  }

  void autoApprove(boolean on) {
    TestServer.Reply r = server.admin("PATCH", "/_braeburn/appReviews", "{\"autoApprove\":" + on + "}", server.issuerId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void advance(long seconds) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- admin loads

  private void load(ArrayNode data) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("data", data);
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", body.toString(), null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static ObjectNode attrs() {
    return TestServer.JSON.createObjectNode();
  }

  private static ObjectNode rels() {
    return TestServer.JSON.createObjectNode();
  }

  private static ObjectNode link(String type, String id) {
    ObjectNode out = TestServer.JSON.createObjectNode();
    out.putObject("data").put("type", type).put("id", id);
    return out;
  }

  private static void resource(ArrayNode data, String type, String id, ObjectNode attributes, ObjectNode relationships) {
    ObjectNode r = data.addObject().put("type", type).put("id", id);
    r.set("attributes", attributes);
    if (relationships != null) {
      r.set("relationships", relationships);
    }
  }
}
