package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review submissions and their items as a release tool drives them (review-pipeline.md §2, §4.1,
 * §8; docs/app-review.md): an incomplete version refused with every missing piece in
 * {@code meta.associatedErrors} until it is complete, one submission in progress per app and
 * platform, a version in one unfinished submission at a time, drafts and their items, cancel
 * (CANCELING → COMPLETE, the version DEVELOPER_REJECTED) — each refusal with Apple's body and
 * Braeburn's diagnosis, and the version's state changes announced by webhook in order.
 */
class ReviewSubmissionsAcceptanceTest {
  private static final String STATE_EVENT = "appStoreVersionAppVersionStateUpdated";

  private TestServer server;
  private ReviewCalls calls;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    calls = new ReviewCalls(server);
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null), 200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anIncompleteVersionIsRefusedWithEveryMissingPieceUntilItIsComplete() throws Exception {
    ReviewCalls.App app = calls.loadNewApp("1700000101");
    String submission = calls.submission(app.id());
    TestServer.Reply refused = calls.addVersion(submission, app.version());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("/v1/appStoreVersions/" + app.version(), List.of(
        "ENTITY_ERROR.RELATIONSHIP.REQUIRED|The provided entity is missing a required relationship|You must provide a value for the relationship 'build'|/data/relationships/build",
        "ENTITY_ERROR.RELATIONSHIP.INVALID|The provided entity includes a relationship with an invalid value|The appStoreReviewDetail associated with appStoreVersions "
            + app.version() + " was not found.|/data/relationships/appStoreReviewDetail",
        "STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65|App screenshot missing (APP_IPHONE_65).|A screenshot with type iphone65 is required but was not provided|"));
    expected.put("/v1/appStoreVersionLocalizations/" + app.localization(), List.of(required("keywords"), required("supportUrl")));
    expected.put("/v1/apps/" + app.id(), List.of(required("contentRightsDeclaration")));
    expected.put("/v1/appInfos/" + app.appInfo(), List.of(
        "ENTITY_ERROR.RELATIONSHIP.REQUIRED|The provided entity is missing a required relationship|You must provide a value for the relationship 'primaryCategory'|/data/relationships/primaryCategory"));
    expected.put("/v1/appInfoLocalizations/" + app.appInfoLocalization(), List.of(required("privacyPolicyUrl")));
    expected.put("/v1/ageRatingDeclarations/" + app.ageRating(), List.of(required("healthOrWellnessTopics"), required("parentalControls")));
    expected.put("/v2/appPrices/", List.of("STATE_ERROR.APP_PRICING_REQUIRED|The request cannot be fulfilled because of the state of another resource."
        + "|You must set a price for the app before it can be reviewed.|"));
    expected.put("/v1/appDataUsages/", List.of("STATE_ERROR.APP_DATA_USAGES_REQUIRED|Answers to what data your app collects and how it's used are needed."
        + "|You must have published answers to your app's data usages.|"));
    assertNotValid(refused, app.version(), expected);
    assertThat(new SchemaValidator(Spec.load()).validate(refused.json(), "ErrorResponse")).as("associatedErrors fit the spec's ErrorResponse").isEmpty();
    assertThat(refused.header("X-Braeburn-Diagnosis")).contains("cannot be reviewed yet (12 problems)")
        .contains("no build is attached").contains("no APP_IPHONE_65 or APP_IPHONE_67 screenshot in the en-US localization")
        .contains("PATCH /_braeburn/appReviews/apps/" + app.id());
    assertThat(calls.versionState(app.version())).isEqualTo("PREPARE_FOR_SUBMISSION");
    assertThat(Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items"))).as("a refused item is not kept").isEmpty();

    // the version text, the app's answers, the app info — through the public API, as deliver does
    ok(server.send("PATCH", "/v1/appStoreVersionLocalizations/" + app.localization(), patch("appStoreVersionLocalizations", app.localization(),
        "\"keywords\":\"beach,tides\",\"supportUrl\":\"https://example.com/support\"")), 200);
    ok(server.send("PATCH", "/v1/apps/" + app.id(), patch("apps", app.id(), "\"contentRightsDeclaration\":\"DOES_NOT_USE_THIRD_PARTY_CONTENT\"")), 200);
    ok(server.send("PATCH", "/v1/appInfos/" + app.appInfo(), "{\"data\":{\"type\":\"appInfos\",\"id\":\"" + app.appInfo()
        + "\",\"relationships\":{\"primaryCategory\":{\"data\":{\"type\":\"appCategories\",\"id\":\"WEATHER\"}}}}}"), 200);
    ok(server.send("PATCH", "/v1/appInfoLocalizations/" + app.appInfoLocalization(), patch("appInfoLocalizations", app.appInfoLocalization(),
        "\"privacyPolicyUrl\":\"https://example.com/privacy\"")), 200);
    ok(server.send("PATCH", "/v1/ageRatingDeclarations/" + app.ageRating(), patch("ageRatingDeclarations", app.ageRating(),
        "\"healthOrWellnessTopics\":false,\"parentalControls\":false")), 200);
    // the build: attached, then its export-compliance answer is the one thing missing about it
    ok(server.send("PATCH", "/v1/appStoreVersions/" + app.version() + "/relationships/build",
        "{\"data\":{\"type\":\"builds\",\"id\":\"" + app.build() + "\"}}"), 204);
    JsonNode afterBuild = calls.addVersion(submission, app.version()).json().at("/errors/0/meta/associatedErrors");
    assertThat(summaries(afterBuild.path("/v1/builds/" + app.build()))).containsExactly(required("usesNonExemptEncryption"));
    assertThat(summaries(afterBuild.path("/v1/appStoreVersions/" + app.version()))).noneMatch(s -> s.contains("'build'"));
    ok(server.send("PATCH", "/v1/builds/" + app.build(), patch("builds", app.build(), "\"usesNonExemptEncryption\":false")), 200);
    // a review contact record with only a first name (as the web form leaves it), then completed
    ok(server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"appStoreReviewDetails\",\"id\":\"" + app.reviewDetail()
        + "\",\"attributes\":{\"contactFirstName\":\"Nora\"},\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\""
        + app.version() + "\"}}}}]}", null), 201);
    JsonNode afterDetail = calls.addVersion(submission, app.version()).json().at("/errors/0/meta/associatedErrors");
    assertThat(summaries(afterDetail.path("/v1/appStoreReviewDetails/" + app.reviewDetail())))
        .containsExactly(required("contactLastName"), required("contactPhone"), required("contactEmail"));
    ok(server.send("PATCH", "/v1/appStoreReviewDetails/" + app.reviewDetail(), patch("appStoreReviewDetails", app.reviewDetail(),
        "\"contactLastName\":\"Castellanos\",\"contactPhone\":\"+1 415 555 0100\",\"contactEmail\":\"nora@example.com\"")), 200);
    // a 6.9" screenshot uploaded (Apple takes it for the 6.5" set)
    uploadScreenshot(app.localization());
    // what no public API sets here: a price (the web UI's Pricing and Availability) and the App Privacy answers
    ok(server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"appPrices\",\"id\":\"" + app.id() + "-price\",\"attributes\":{}},"
        + "{\"type\":\"appPriceSchedules\",\"id\":\"" + app.id() + "\",\"attributes\":{},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\""
        + app.id() + "\"}},\"manualPrices\":{\"data\":[{\"type\":\"appPrices\",\"id\":\"" + app.id() + "-price\"}]}}}]}", null), 201);
    JsonNode beforePrivacy = calls.addVersion(submission, app.version()).json().at("/errors/0/meta/associatedErrors");
    assertThat(names(beforePrivacy)).containsExactly("/v1/appDataUsages/");
    assertThat(server.admin("GET", "/_braeburn/appReviews/apps/" + app.id(), null, null).json().at("/data/dataUsagesPublished").asBoolean()).isFalse();
    calls.publishPrivacy(app.id(), true);

    TestServer.Reply added = calls.addVersion(submission, app.version());
    ok(added, 201);
    assertThat(added.json().at("/data/attributes/state").asText()).isEqualTo("READY_FOR_REVIEW");
    assertThat(added.json().at("/data/relationships/appStoreVersion/data/id").asText()).isEqualTo(app.version());
    JsonNode version = server.get("/v1/appStoreVersions/" + app.version()).json().at("/data/attributes");
    assertThat(version.path("appVersionState").asText()).as("staged at once (Apple: within seconds)").isEqualTo("READY_FOR_REVIEW");
    assertThat(version.path("appStoreState").asText()).isEqualTo("READY_FOR_REVIEW");
    assertThat(Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items"))).containsExactly(added.json().at("/data/id").asText());
  }

  @Test
  void submissionsOfUnknownAppsEmptySubmissionsAndDraftCancelsAreRefusedAsAppleRefusesThem() {
    TestServer.Reply unknown = calls.createSubmission("1799999999", "IOS");
    assertError(unknown, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "Relationship is invalid", "app with id 1799999999 cannot be found",
        "/data/relationships/app");
    assertThat(unknown.header("X-Braeburn-Diagnosis")).contains("no app 1799999999").contains("409 here, not 404");

    ReviewCalls.App app = calls.loadNewApp("1700000102");
    TestServer.Reply created = calls.createSubmission(app.id(), null);
    ok(created, 201);
    JsonNode draft = created.json().path("data");
    assertThat(draft.at("/attributes/state").asText()).isEqualTo("READY_FOR_REVIEW");
    assertThat(draft.at("/attributes/platform").asText()).as("omitted: the platform of the version in preparation").isEqualTo("IOS");
    assertThat(draft.at("/attributes/submittedDate").isNull()).isTrue();
    assertThat(created.header("Location")).endsWith("/v1/reviewSubmissions/" + draft.path("id").asText());
    String id = draft.path("id").asText();

    TestServer.Reply empty = calls.patchSubmission(id, "submitted", true);
    assertError(empty, 409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "Relationship is required", "App " + app.id()
        + " must have an approved appStoreVersions for platform IOS, or an appStoreVersions must be included in this review submission.",
        "/data/relationships/appStoreVersionForReview");
    assertThat(empty.header("X-Braeburn-Diagnosis")).contains("no appStoreVersion item").contains("POST /v1/reviewSubmissionItems");

    TestServer.Reply cancel = calls.patchSubmission(id, "canceled", true);
    assertError(cancel, 409, "STATE_ERROR.ENTITY_STATE_INVALID", "Resource state is invalid.", "Resource is not in cancellable state", null);
    assertThat(cancel.header("X-Braeburn-Diagnosis")).contains("a draft is never canceled");
    assertThat(calls.submissionState(id)).isEqualTo("READY_FOR_REVIEW");

    // drafts accumulate (Apple: DELETE is 403, a draft cannot be canceled; clients reuse them)
    ok(calls.createSubmission(app.id(), "IOS"), 201);
    assertThat(Docs.ids(server.get("/v1/reviewSubmissions?filter[app]=" + app.id() + "&filter[state]=READY_FOR_REVIEW"))).hasSize(2);
    assertThat(server.send("DELETE", "/v1/reviewSubmissions/" + id, null).status()).isEqualTo(403);
  }

  @Test
  void oneSubmissionInProgressPerAppAndPlatformAndAVersionInOneUnfinishedSubmission() {
    ReviewCalls.App app = calls.loadReadyApp("1700000103");
    String first = calls.submission(app.id());
    String second = calls.submission(app.id());
    String item = calls.item(first, app.version());

    TestServer.Reply twice = calls.addVersion(second, app.version());
    String key = "/appStoreVersions/" + app.version();
    assertError(twice, 409, "STATE_ERROR.ENTITY_STATE_INVALID", "appStoreVersions with id '" + app.version() + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.", null);
    assertThat(names(twice.json().at("/errors/0/meta/associatedErrors"))).containsExactly(key);
    assertThat(summaries(twice.json().at("/errors/0/meta/associatedErrors").path(key))).containsExactly(
        "STATE_ERROR.ITEM_PART_OF_ANOTHER_SUBMISSION|Item is already present in another reviewSubmission|appStoreVersions with id "
            + app.version() + " was already added to another reviewSubmission with id " + first + "|");
    assertThat(twice.header("X-Braeburn-Diagnosis")).contains("already item " + item + " of reviewSubmission " + first);

    ok(calls.patchSubmission(first, "submitted", true), 200);
    TestServer.Reply another = calls.createSubmission(app.id(), "IOS");
    assertError(another, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
        "There is another reviewSubmissions with id " + first + " still in progress.", "/data/relationships/app");
    assertThat(another.header("X-Braeburn-Diagnosis")).contains("WAITING_FOR_REVIEW").contains("canceled");
    ok(calls.createSubmission(app.id(), "MAC_OS"), 201); // another platform is another queue
    TestServer.Reply olderDraft = calls.patchSubmission(second, "submitted", true);
    assertThat(olderDraft.json().at("/errors/0/detail").asText()).as("a draft made before cannot jump the queue")
        .isEqualTo("There is another reviewSubmissions with id " + first + " still in progress.");
    assertError(calls.patchSubmission(first, "submitted", true), 409, "STATE_ERROR.ENTITY_STATE_INVALID", "Resource state is invalid.",
        "Resource is not in submittable state", null);
    TestServer.Reply both = server.send("PATCH", "/v1/reviewSubmissions/" + first, "{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\""
        + first + "\",\"attributes\":{\"submitted\":true,\"canceled\":true}}}");
    assertThat(both.status()).isEqualTo(409);
    assertThat(both.header("X-Braeburn-Diagnosis")).contains("send one");
    assertThat(calls.submissionState(first)).isEqualTo("WAITING_FOR_REVIEW");

    TestServer.Reply late = calls.addItem(first, "appEvent", "appEvents", "whatever");
    assertThat(late.status()).as("an unknown target is refused before the state").isEqualTo(409);
    assertThat(late.json().at("/errors/0/detail").asText()).contains("is not a valid ID for this relationship");

    ok(server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"appEvents\",\"id\":\"" + app.id() + "-event\",\"attributes\":"
        + "{\"referenceName\":\"Spring tides\"}}]}", null), 201);
    TestServer.Reply notDraft = calls.addItem(first, "appEvent", "appEvents", app.id() + "-event");
    assertError(notDraft, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
        "Items cannot be added to reviewSubmissions with id " + first + " in state WAITING_FOR_REVIEW.", "/data/relationships/reviewSubmission");
    TestServer.Reply delete = server.send("DELETE", "/v1/reviewSubmissionItems/" + item, null);
    assertError(delete, 409, "STATE_ERROR.ENTITY_STATE_INVALID", "Resource state is invalid.",
        "reviewSubmissionItems with id '" + item + "' cannot be deleted while its reviewSubmission is WAITING_FOR_REVIEW.", null);
    TestServer.Reply remove = calls.patchItem(item, "removed");
    assertError(remove, 409, "STATE_ERROR.ENTITY_STATE_INVALID", "Resource state is invalid.",
        "reviewSubmissionItems with id '" + item + "' cannot be removed while its reviewSubmission is WAITING_FOR_REVIEW.", null);
    assertThat(remove.header("X-Braeburn-Diagnosis")).contains("cancel it");
    TestServer.Reply resolve = calls.patchItem(item, "resolved");
    assertThat(resolve.status()).isEqualTo(409);
    assertThat(resolve.json().at("/errors/0/detail").asText()).isEqualTo("reviewSubmissionItems with id '" + item + "' is READY_FOR_REVIEW and cannot be resolved.");
  }

  @Test
  void anItemNamesExactlyOneThingOfItsSubmissionsAppAndPlatform() {
    ReviewCalls.App app = calls.loadReadyApp("1700000104");
    ReviewCalls.App other = calls.loadReadyApp("1700000105");
    String submission = calls.submission(app.id());

    TestServer.Reply none = server.send("POST", "/v1/reviewSubmissionItems", "{\"data\":{\"type\":\"reviewSubmissionItems\",\"relationships\":{"
        + "\"reviewSubmission\":{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + submission + "\"}}}}}");
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.REQUIRED");
    assertThat(none.json().at("/errors/0/detail").asText()).isEqualTo("You must provide a value for exactly one of the relationships appCustomProductPageVersion, appEvent, appStoreVersion, "
        + "appStoreVersionExperiment, appStoreVersionExperimentV2, backgroundAssetVersion, gameCenterAchievementVersion, gameCenterActivityVersion, "
        + "gameCenterChallengeVersion, gameCenterLeaderboardSetVersion, gameCenterLeaderboardVersion, inAppPurchaseVersion, subscriptionGroupVersion, "
        + "subscriptionVersion");

    ok(server.admin("POST", "/_braeburn/resources", "{\"data\":[{\"type\":\"appEvents\",\"id\":\"" + app.id() + "-event\",\"attributes\":"
        + "{\"referenceName\":\"Spring tides\"}}]}", null), 201);
    TestServer.Reply two = server.send("POST", "/v1/reviewSubmissionItems", "{\"data\":{\"type\":\"reviewSubmissionItems\",\"relationships\":{"
        + "\"reviewSubmission\":{\"data\":{\"type\":\"reviewSubmissions\",\"id\":\"" + submission + "\"}},"
        + "\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"" + app.version() + "\"}},"
        + "\"appEvent\":{\"data\":{\"type\":\"appEvents\",\"id\":\"" + app.id() + "-event\"}}}}}");
    assertThat(two.status()).isEqualTo(409);
    assertThat(two.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(two.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/relationships/appStoreVersion");

    TestServer.Reply foreign = calls.addVersion(submission, other.version());
    assertError(foreign, 409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
        "appStoreVersions with id " + other.version() + " does not belong to the app and platform of reviewSubmissions with id " + submission + ".",
        "/data/relationships/appStoreVersion");
    assertThat(foreign.header("X-Braeburn-Diagnosis")).contains("IOS version of app " + other.id());

    // an in-app event rides along without checks or state changes until its family reviews it
    TestServer.Reply event = calls.addItem(submission, "appEvent", "appEvents", app.id() + "-event");
    ok(event, 201);
    assertThat(event.json().at("/data/relationships/appEvent/data/id").asText()).isEqualTo(app.id() + "-event");
    assertThat(event.json().at("/data/attributes/state").asText()).isEqualTo("READY_FOR_REVIEW");
  }

  @Test
  void aDraftItemDeletedGivesTheVersionBackAndACancelEndsInCompleteWithTheVersionDeveloperRejected() throws Exception {
    ReviewCalls.App app = calls.loadReadyApp("1700000106");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      ok(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(app.id(), receiver.url(), "review-secret",
          "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED")), 201);
      String submission = calls.submission(app.id());
      String item = calls.item(submission, app.version());
      assertThat(calls.versionState(app.version())).isEqualTo("READY_FOR_REVIEW");
      ok(server.send("DELETE", "/v1/reviewSubmissionItems/" + item, null), 204);
      assertThat(calls.versionState(app.version())).as("inferred: editable again").isEqualTo("PREPARE_FOR_SUBMISSION");
      assertThat(Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items"))).isEmpty();

      String again = calls.item(submission, app.version());
      TestServer.Reply submitted = calls.patchSubmission(submission, "submitted", true);
      ok(submitted, 200);
      JsonNode attributes = submitted.json().at("/data/attributes");
      assertThat(attributes.path("state").asText()).isEqualTo("WAITING_FOR_REVIEW");
      assertThat(attributes.path("submittedDate").asText()).isNotEmpty();
      assertThat(calls.versionState(app.version())).isEqualTo("WAITING_FOR_REVIEW");
      JsonNode withActors = server.get("/v1/reviewSubmissions/" + submission
          + "?include=appStoreVersionForReview,submittedByActor,lastUpdatedByActor,items").json();
      assertThat(withActors.at("/data/relationships/appStoreVersionForReview/data/id").asText()).isEqualTo(app.version());
      String actor = withActors.at("/data/relationships/submittedByActor/data/id").asText();
      assertThat(withActors.at("/data/relationships/lastUpdatedByActor/data/id").asText()).isEqualTo(actor);
      JsonNode actorResource = Docs.find(withActors.path("included"), "actors");
      assertThat(actorResource.at("/attributes/actorType").asText()).isEqualTo("API_KEY");
      assertThat(actorResource.at("/attributes/apiKeyId").asText()).isEqualTo(server.keyId);

      TestServer.Reply canceled = calls.patchSubmission(submission, "canceled", true);
      ok(canceled, 200);
      assertThat(canceled.json().at("/data/attributes/state").asText()).isEqualTo("CANCELING");
      assertThat(calls.versionState(app.version())).isEqualTo("DEVELOPER_REJECTED");
      assertThat(calls.itemState(submission, again)).isEqualTo("READY_FOR_REVIEW");
      JsonNode pending = server.admin("GET", "/_braeburn/appReviews/" + submission, null, null).json().path("data");
      assertThat(pending.path("cancelCompletesAt").asText()).isNotEmpty();
      assertThat(pending.path("reviewStartsAt").isNull()).as("the review will not start").isTrue();
      calls.advance(9);
      assertThat(calls.submissionState(submission)).isEqualTo("CANCELING");
      calls.advance(1);
      assertThat(calls.submissionState(submission)).isEqualTo("COMPLETE");
      assertThat(calls.itemState(submission, again)).as("canceling discards the items (D-REMOVE)").isEqualTo("REMOVED");
      TestServer.Reply twice = calls.patchSubmission(submission, "canceled", true);
      assertThat(twice.status()).isEqualTo(409);
      calls.advance(20 * 3600);
      assertThat(calls.versionState(app.version())).as("no review after a cancel").isEqualTo("DEVELOPER_REJECTED");

      // free again: a new submission takes the version
      String next = calls.submission(app.id());
      calls.item(next, app.version());
      assertThat(calls.versionState(app.version())).isEqualTo("READY_FOR_REVIEW");
      calls.advance(0);
      assertThat(transitions(receiver)).containsExactly("PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW", "READY_FOR_REVIEW→PREPARE_FOR_SUBMISSION",
          "PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW", "READY_FOR_REVIEW→WAITING_FOR_REVIEW", "WAITING_FOR_REVIEW→DEVELOPER_REJECTED",
          "DEVELOPER_REJECTED→READY_FOR_REVIEW");
    }
  }

  // ---------------------------------------------------------------- helpers

  private void uploadScreenshot(String localization) throws Exception {
    TestServer.Reply set = server.send("POST", "/v1/appScreenshotSets", "{\"data\":{\"type\":\"appScreenshotSets\",\"attributes\":"
        + "{\"screenshotDisplayType\":\"APP_IPHONE_67\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":"
        + "{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + localization + "\"}}}}}");
    ok(set, 201);
    byte[] png = BuildUploads.icon(64);
    TestServer.Reply reserved = server.send("POST", "/v1/appScreenshots", "{\"data\":{\"type\":\"appScreenshots\",\"attributes\":{\"fileName\":"
        + "\"1.png\",\"fileSize\":" + png.length + "},\"relationships\":{\"appScreenshotSet\":{\"data\":{\"type\":\"appScreenshotSets\","
        + "\"id\":\"" + set.json().at("/data/id").asText() + "\"}}}}}");
    ok(reserved, 201);
    BuildUploads uploads = new BuildUploads(server);
    for (JsonNode op : reserved.json().at("/data/attributes/uploadOperations")) {
      assertThat(uploads.putPart(op, png).statusCode()).isEqualTo(200);
    }
    String id = reserved.json().at("/data/id").asText();
    ok(server.send("PATCH", "/v1/appScreenshots/" + id, "{\"data\":{\"type\":\"appScreenshots\",\"id\":\"" + id
        + "\",\"attributes\":{\"uploaded\":true,\"sourceFileChecksum\":\"" + BuildUploads.md5(png) + "\"}}}"), 200);
  }

  static List<String> transitions(WebhookReceiver receiver) {
    return receiver.of(STATE_EVENT).stream()
        .map(n -> n.at("/data/attributes/oldValue").asText() + "→" + n.at("/data/attributes/newValue").asText()).toList();
  }

  static String required(String attribute) {
    return "ENTITY_ERROR.ATTRIBUTE.REQUIRED|The provided entity is missing a required attribute|You must provide a value for the attribute '"
        + attribute + "' with this request|/data/attributes/" + attribute;
  }

  static String patch(String type, String id, String attributes) {
    return "{\"data\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"attributes\":{" + attributes + "}}}";
  }

  /** The refusal of an incomplete version: the envelope, then exactly {@code expected} (key → code|title|detail|pointer, in order). */
  static void assertNotValid(TestServer.Reply reply, String versionId, Map<String, List<String>> expected) {
    assertError(reply, 409, "STATE_ERROR.ENTITY_STATE_INVALID", "appStoreVersions with id '" + versionId + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.", null);
    JsonNode associated = reply.json().at("/errors/0/meta/associatedErrors");
    assertThat(names(associated)).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, errors) -> assertThat(summaries(associated.path(key))).as(key).containsExactlyElementsOf(errors));
    associated.forEach(list -> list.forEach(e -> {
      assertThat(e.path("status").asText()).isEqualTo("409");
      assertThat(e.path("id").asText()).hasSize(36);
    }));
  }

  static void assertError(TestServer.Reply reply, int status, String code, String title, String detail, String pointer) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    JsonNode e = reply.json().at("/errors/0");
    assertThat(reply.json().path("errors")).as(reply.body()).hasSize(1);
    assertThat(Map.of("status", e.path("status").asText(), "code", e.path("code").asText(), "title", e.path("title").asText(),
        "detail", e.path("detail").asText(), "pointer", e.at("/source/pointer").asText("")))
        .containsOnly(entry("status", String.valueOf(status)), entry("code", code), entry("title", title), entry("detail", detail),
            entry("pointer", pointer == null ? "" : pointer));
    assertThat(e.path("id").asText()).hasSize(36);
  }

  static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> summaries(JsonNode errors) {
    List<String> out = new ArrayList<>();
    errors.forEach(e -> out.add(e.path("code").asText() + "|" + e.path("title").asText() + "|" + e.path("detail").asText() + "|"
        + e.at("/source/pointer").asText("")));
    return out;
  }

  static void ok(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
