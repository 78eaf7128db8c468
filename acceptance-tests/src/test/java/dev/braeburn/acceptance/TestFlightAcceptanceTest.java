package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TestFlight over real HTTP, as a CI tool drives it: Beta App Review on the virtual clock (admin
 * decision, rejection, auto-approval), groups, testers and what they see, Apple's refusals, expiry,
 * "What to Test" localizations and testers' feedback. Events are checked where they end up: a
 * webhook receiver on loopback captures every notification the webhooks family delivers.
 */
class TestFlightAcceptanceTest {
  private static final String APP = "1700000001";
  private static final String OTHER_APP = "1700000002";
  private static final String USER_EMAIL = "lena.vogt@team.example.com";
  private static final String EXTERNAL_STATE_EVENT = "buildBetaDetailExternalBuildStateUpdated";

  private TestServer server;
  private WebhookReceiver receiver;
  private TestFlightCalls tf;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(null);
    receiver = new WebhookReceiver();
    tf = new TestFlightCalls(server);
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null), 200);
    load("""
        {"data":[
          {"type":"apps","id":"%1$s","attributes":{"name":"Harbor","bundleId":"com.example.harbor","sku":"HARBOR","primaryLocale":"en-US"}},
          {"type":"apps","id":"%2$s","attributes":{"name":"Quay","bundleId":"com.example.quay","sku":"QUAY","primaryLocale":"en-US"}},
          {"type":"users","id":"user-1","attributes":{"username":"%3$s","firstName":"Lena","lastName":"Vogt","roles":["DEVELOPER"]}},
          {"type":"betaAppReviewDetails","id":"review-detail-1","attributes":{"contactFirstName":"Lena","contactLastName":"Vogt",
            "contactPhone":"+49 30 1234567","contactEmail":"%3$s","demoAccountRequired":false},
            "relationships":{"app":{"data":{"type":"apps","id":"%1$s"}}}},
          {"type":"preReleaseVersions","id":"version-1","attributes":{"version":"2.0","platform":"IOS"},
            "relationships":{"app":{"data":{"type":"apps","id":"%1$s"}}}}
        ]}""".formatted(APP, OTHER_APP, USER_EMAIL));
    build("b1", APP, "101");
    build("b2", APP, "102");
    build("q1", OTHER_APP, "7");
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  @Test
  void externalTestingAfterApprovalByTheAdminApi() {
    webhook(APP, "BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED");
    TestServer.Reply submitted = tf.submit("b1");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    assertThat(submitted.header("Location")).endsWith("/v1/betaAppReviewSubmissions/b1");
    assertThat(submitted.json().at("/data/attributes/betaReviewState").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(submitted.json().at("/data/attributes/submittedDate").asText()).isEqualTo(now());
    assertThat(tf.externalState("b1")).isEqualTo("WAITING_FOR_BETA_REVIEW");

    advance(3_599);
    assertThat(tf.externalState("b1")).isEqualTo("WAITING_FOR_BETA_REVIEW");
    advance(1);
    assertThat(tf.externalState("b1")).isEqualTo("IN_BETA_REVIEW");
    assertThat(server.get("/v1/betaAppReviewSubmissions/b1").json().at("/data/attributes/betaReviewState").asText()).isEqualTo("IN_REVIEW");

    TestServer.Reply decided = tf.decide("b1", "APPROVED");
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    assertThat(decided.json().at("/data/externalBuildState").asText()).isEqualTo("BETA_APPROVED");
    assertThat(tf.externalState("b1")).isEqualTo("BETA_APPROVED");
    assertThat(tf.decide("b1", "REJECTED").status()).isEqualTo(409);

    String group = tf.createGroup(APP, "Harbor Friends", false, ",\"publicLinkEnabled\":true,\"publicLinkLimitEnabled\":true,\"publicLinkLimit\":100");
    JsonNode groupAttributes = server.get("/v1/betaGroups/" + group).json().at("/data/attributes");
    assertThat(groupAttributes.path("publicLink").asText()).matches("https://testflight\\.apple\\.com/join/[A-Za-z0-9]{8}");
    assertThat(groupAttributes.path("publicLink").asText()).endsWith(groupAttributes.path("publicLinkId").asText());

    TestServer.Reply tester = server.send("POST", "/v1/betaTesters", TestFlightCalls.testerBody("sam@example.org", "\"betaGroups\":{\"data\":[{\"type\":\"betaGroups\",\"id\":\"" + group + "\"}]}"));
    assertThat(tester.status()).as(tester.body()).isEqualTo(201);
    String testerId = tester.json().at("/data/id").asText();
    assertThat(tester.json().at("/data/attributes/state").asText()).isEqualTo("INVITED");
    assertThat(tester.json().at("/data/attributes/inviteType").asText()).isEqualTo("EMAIL");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + testerId + "/builds"))).isEmpty();

    ok(tf.link("betaGroups", group, "builds", "builds", "b1"), 204);
    assertThat(tf.externalState("b1")).isEqualTo("IN_BETA_TESTING");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + testerId + "/builds"))).containsExactly("b1");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + testerId + "/apps"))).containsExactly(APP);

    runDue();
    assertThat(externalStateEvents()).containsExactly(
        "READY_FOR_BETA_SUBMISSION→WAITING_FOR_BETA_REVIEW", "WAITING_FOR_BETA_REVIEW→IN_BETA_REVIEW",
        "IN_BETA_REVIEW→BETA_APPROVED", "BETA_APPROVED→IN_BETA_TESTING");
    JsonNode first = receiver.of(EXTERNAL_STATE_EVENT).getFirst();
    assertThat(first.at("/data/relationships/instance/data/type").asText()).isEqualTo("buildBetaDetails");
    assertThat(first.at("/data/relationships/instance/data/id").asText()).isEqualTo("b1");
  }

  @Test
  void aRejectedBuildStaysOutOfExternalGroupsAndMayBeSubmittedAgain() {
    webhook(APP, "BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED");
    ok(tf.submit("b1"), 201);
    ok(tf.decide("b1", "REJECTED"), 200);
    assertThat(tf.externalState("b1")).isEqualTo("BETA_REJECTED");
    assertThat(server.get("/v1/betaAppReviewSubmissions/b1").json().at("/data/attributes/betaReviewState").asText()).isEqualTo("REJECTED");

    String group = tf.createGroup(APP, "External", false, "");
    JsonNode e = AppleErrors.onlyError(tf.link("betaGroups", group, "builds", "builds", "b1"), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID.INVALID_STATE");
    assertThat(e.path("title").asText()).isEqualTo("A relationship value is not acceptable for the current resource state.");
    assertThat(e.path("detail").asText()).startsWith("The specified pre-release build could not be added.").contains("BETA_REJECTED");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/0");
    // the same refusal from the build's side
    assertThat(tf.link("builds", "b1", "betaGroups", "betaGroups", group).status()).isEqualTo(409);

    advance(48 * 3_600); // the pending start and auto-approval find the review decided: nothing moves
    assertThat(tf.externalState("b1")).isEqualTo("BETA_REJECTED");
    ok(tf.submit("b1"), 201);
    assertThat(tf.externalState("b1")).isEqualTo("WAITING_FOR_BETA_REVIEW");

    runDue();
    assertThat(externalStateEvents()).startsWith(
        "READY_FOR_BETA_SUBMISSION→WAITING_FOR_BETA_REVIEW", "WAITING_FOR_BETA_REVIEW→IN_BETA_REVIEW",
        "IN_BETA_REVIEW→BETA_REJECTED", "BETA_REJECTED→WAITING_FOR_BETA_REVIEW");
  }

  @Test
  void autoApprovalComesADayAfterSubmissionUnlessTurnedOff() {
    ok(tf.submit("b1"), 201);
    advance(23 * 3_600);
    assertThat(tf.externalState("b1")).isEqualTo("IN_BETA_REVIEW");
    advance(3_600);
    assertThat(tf.externalState("b1")).isEqualTo("BETA_APPROVED");
    assertThat(server.get("/v1/betaAppReviewSubmissions/b1").json().at("/data/attributes/betaReviewState").asText()).isEqualTo("APPROVED");

    TestServer.Reply off = server.admin("PATCH", "/_braeburn/betaReviews", "{\"autoApprove\":false}", server.issuerId);
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(off.json().path("autoApprove").asBoolean()).isFalse();
    assertThat(server.admin("GET", "/_braeburn/betaReviews", null, null).json().path("autoApprove").asBoolean()).isTrue();
    ok(tf.submit("b2"), 201);
    advance(7 * 86_400);
    assertThat(tf.externalState("b2")).isEqualTo("IN_BETA_REVIEW");
  }

  @Test
  void submissionsRefusedWithApplesErrors() {
    ok(tf.submit("b1"), 201);
    JsonNode another = AppleErrors.onlyError(tf.submit("b2"), 422, "id", "status", "code", "title", "detail");
    assertThat(another.path("code").asText()).isEqualTo("ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW");
    assertThat(another.path("detail").asText()).contains("'101' (b1)");

    JsonNode again = AppleErrors.onlyError(tf.submit("b1"), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(again.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(again.path("title").asText()).isEqualTo("The provided entity includes a relationship with an invalid value");
    assertThat(again.at("/source/pointer").asText()).isEqualTo("/data/relationships/build");

    ok(tf.decide("b1", "APPROVED"), 200);
    JsonNode inTesting = AppleErrors.onlyError(tf.submit("b1"), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(inTesting.path("detail").asText()).isEqualTo("The build '101' (b1) is already in beta testing.");

    JsonNode details = AppleErrors.onlyError(tf.submit("q1"), 422, "id", "status", "code", "title", "detail");
    assertThat(details.path("code").asText()).isEqualTo("ENTITY_UNPROCESSABLE.MISSING_REQUIRED_DATA");
    load("{\"data\":[{\"type\":\"betaAppReviewDetails\",\"id\":\"review-detail-2\",\"attributes\":{\"contactFirstName\":\"Ola\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + OTHER_APP + "\"}}}}]}");
    JsonNode incomplete = AppleErrors.onlyError(tf.submit("q1"), 422, "id", "status", "code", "title", "detail");
    assertThat(incomplete.path("detail").asText()).contains("contactLastName, contactPhone, contactEmail");

    JsonNode missing = AppleErrors.onlyError(tf.submit("nope"), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(missing.at("/source/pointer").asText()).isEqualTo("/data/relationships/build/data");

    build("b3", APP, "103");
    ok(server.send("PATCH", "/v1/builds/b3", "{\"data\":{\"type\":\"builds\",\"id\":\"b3\",\"attributes\":{\"expired\":true}}}"), 200);
    ok(tf.decide("b1", "APPROVED"), 409); // already decided
    assertThat(AppleErrors.onlyError(tf.submit("b3"), 409, "id", "status", "code", "title", "detail", "source").path("detail").asText())
        .isEqualTo("The build '103' (b3) has expired and cannot be submitted for beta review.");
    assertThat(tf.decide("unknown", "APPROVED").status()).isEqualTo(404);
    assertThat(server.admin("POST", "/_braeburn/betaReviews/b1", "{\"decision\":\"MAYBE\"}", null).status()).isEqualTo(409);
  }

  /** Found by the fuzz suite: hours past 2^63/3600 answered 500; anything beyond a year is refused with the pointer. */
  @Test
  void autoApprovalHoursAreBounded() {
    for (String hours : List.of("9223372036854775807", "-9223372036854775809", "1.7976931348623157E308", "8761", "-1", "1.5")) {
      JsonNode error = AppleErrors.onlyError(server.admin("PATCH", "/_braeburn/betaReviews", "{\"autoApproveAfterHours\":" + hours + "}", null),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(error.at("/source/pointer").asText()).as(hours).isEqualTo("/autoApproveAfterHours");
    }
    ok(server.admin("PATCH", "/_braeburn/betaReviews", "{\"autoApproveAfterHours\":8760}", null), 200);
    assertThat(server.admin("GET", "/_braeburn/betaReviews", null, null).json().path("autoApproveAfterHours").asLong()).isEqualTo(8760);
  }

  @Test
  void internalGroupsTakeTeamMembersAndBuildsWithoutReview() {
    String group = tf.createGroup(APP, "Team", true, "");
    String outsider = tf.createTester("guest@example.org", "");
    String member = tf.createTester(USER_EMAIL.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT), "");
    JsonNode refused = AppleErrors.onlyError(tf.link("betaGroups", group, "betaTesters", "betaTesters", outsider), 409,
        "id", "status", "code", "title", "detail", "source");
    assertThat(refused.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(refused.path("detail").asText()).isEqualTo("Tester(s) cannot be assigned");
    assertThat(tf.link("betaTesters", outsider, "betaGroups", "betaGroups", group).status()).isEqualTo(409);
    TestServer.Reply created = server.send("POST", "/v1/betaTesters",
        TestFlightCalls.testerBody("other@example.org", "\"betaGroups\":{\"data\":[{\"type\":\"betaGroups\",\"id\":\"" + group + "\"}]}"));
    assertThat(created.status()).isEqualTo(409);
    assertThat(created.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/relationships/betaGroups/data/0");

    ok(tf.link("betaGroups", group, "betaTesters", "betaTesters", member), 204);
    ok(tf.link("builds", "b2", "betaGroups", "betaGroups", group), 204);
    JsonNode detail = server.get("/v1/builds/b2/buildBetaDetail").json().at("/data/attributes");
    assertThat(detail.path("internalBuildState").asText()).isEqualTo("IN_BETA_TESTING");
    assertThat(detail.path("externalBuildState").asText()).isEqualTo("READY_FOR_BETA_SUBMISSION");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + member + "/builds"))).containsExactly("b2");
    assertThat(tf.link("betaGroups", group, "builds", "builds", "q1").status()).isEqualTo(409); // another app's build

    JsonNode publicLink = AppleErrors.onlyError(server.send("PATCH", "/v1/betaGroups/" + group,
        "{\"data\":{\"type\":\"betaGroups\",\"id\":\"" + group + "\",\"attributes\":{\"publicLinkEnabled\":true}}}"), 409,
        "id", "status", "code", "title", "detail", "source");
    assertThat(publicLink.at("/source/pointer").asText()).isEqualTo("/data/attributes/publicLinkEnabled");
    String external = tf.createGroup(APP, "Public", false, "");
    TestServer.Reply tooMany = server.send("PATCH", "/v1/betaGroups/" + external,
        "{\"data\":{\"type\":\"betaGroups\",\"id\":\"" + external + "\",\"attributes\":{\"publicLinkEnabled\":true,\"publicLinkLimit\":10001}}}");
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(tooMany.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/publicLinkLimit");
    TestServer.Reply enabled = server.send("PATCH", "/v1/betaGroups/" + external,
        "{\"data\":{\"type\":\"betaGroups\",\"id\":\"" + external + "\",\"attributes\":{\"publicLinkEnabled\":true}}}");
    assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
    assertThat(enabled.json().at("/data/attributes/publicLink").asText()).startsWith("https://testflight.apple.com/join/");

    ok(server.send("POST", "/v1/betaTesterInvitations", "{\"data\":{\"type\":\"betaTesterInvitations\",\"relationships\":{"
        + "\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}},\"betaTester\":{\"data\":{\"type\":\"betaTesters\",\"id\":\"" + outsider + "\"}}}}}"), 201);
    JsonNode invited = server.get("/v1/betaTesters/" + outsider).json().at("/data/attributes");
    assertThat(invited.path("state").asText()).isEqualTo("INVITED");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + outsider + "/apps"))).containsExactly(APP);
  }

  @Test
  void anExpiredBuildLeavesTestFlight() {
    webhook(APP, "BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED");
    String group = tf.createGroup(APP, "Team", true, "");
    String member = tf.createTester(USER_EMAIL, "\"betaGroups\":{\"data\":[{\"type\":\"betaGroups\",\"id\":\"" + group + "\"}]}");
    String solo = tf.createTester("solo@example.org", "\"builds\":{\"data\":[{\"type\":\"builds\",\"id\":\"b1\"}]}");
    ok(tf.link("betaGroups", group, "builds", "builds", "b1"), 204);
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + member + "/builds"))).containsExactly("b1");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + solo + "/builds"))).containsExactly("b1");

    TestServer.Reply expired = server.send("PATCH", "/v1/builds/b1", "{\"data\":{\"type\":\"builds\",\"id\":\"b1\",\"attributes\":{\"expired\":true}}}");
    assertThat(expired.status()).as(expired.body()).isEqualTo(200);
    JsonNode detail = server.get("/v1/buildBetaDetails/b1").json().at("/data/attributes");
    assertThat(detail.path("internalBuildState").asText()).isEqualTo("EXPIRED");
    assertThat(detail.path("externalBuildState").asText()).isEqualTo("EXPIRED");
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + member + "/builds"))).isEmpty();
    assertThat(Docs.ids(server.get("/v1/betaTesters/" + solo + "/builds"))).isEmpty();

    assertThat(tf.link("betaGroups", group, "builds", "builds", "b1").status()).isEqualTo(409);
    TestServer.Reply revive = server.send("PATCH", "/v1/builds/b1", "{\"data\":{\"type\":\"builds\",\"id\":\"b1\",\"attributes\":{\"expired\":false}}}");
    assertThat(revive.status()).as(revive.body()).isEqualTo(200);
    assertThat(revive.json().at("/data/attributes/expired").asBoolean()).isTrue(); // an expired build stays expired

    runDue();
    assertThat(externalStateEvents()).containsExactly("READY_FOR_BETA_SUBMISSION→EXPIRED");
  }

  @Test
  void anExpiryFoundAfterTheExpirationDateIsSynced() {
    String group = tf.createGroup(APP, "Team", true, "");
    ok(tf.link("betaGroups", group, "builds", "builds", "b2"), 204);
    // What the uploads family's 90-day expiry does: it sets expired on the build, and nothing else.
    load("{\"data\":[{\"type\":\"builds\",\"id\":\"b2\",\"attributes\":{\"expired\":true}}]}");
    advance(91 * 86_400);
    JsonNode detail = server.get("/v1/buildBetaDetails/b2").json().at("/data/attributes");
    assertThat(detail.path("internalBuildState").asText()).isEqualTo("EXPIRED");
    assertThat(detail.path("externalBuildState").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void oneWhatToTestPerLocale() {
    ok(server.send("POST", "/v1/betaBuildLocalizations", TestFlightCalls.localization("b1", "en-US", "Tide charts")), 201);
    JsonNode duplicate = AppleErrors.onlyError(server.send("POST", "/v1/betaBuildLocalizations", TestFlightCalls.localization("b1", "en-US", "Tide charts")), 409,
        "id", "status", "code", "title", "detail", "source");
    assertThat(duplicate.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE");
    assertThat(duplicate.at("/source/pointer").asText()).isEqualTo("/data/attributes/locale");
    ok(server.send("POST", "/v1/betaBuildLocalizations", TestFlightCalls.localization("b1", "de-DE", "Tide charts")), 201);
    ok(server.send("POST", "/v1/betaBuildLocalizations", TestFlightCalls.localization("b2", "en-US", "Tide charts")), 201);
    assertThat(Docs.ids(server.get("/v1/builds/b1/betaBuildLocalizations"))).hasSize(2);
  }

  @Test
  void testersFeedbackIsStoredAndAnnounced() {
    webhook(APP, "BETA_FEEDBACK_SCREENSHOT_SUBMISSION_CREATED", "BETA_FEEDBACK_CRASH_SUBMISSION_CREATED");
    String tester = tf.createTester("sam@example.org", "\"builds\":{\"data\":[{\"type\":\"builds\",\"id\":\"b1\"}]}");
    TestServer.Reply screenshot = server.admin("POST", "/_braeburn/betaFeedback",
        "{\"type\":\"screenshot\",\"buildId\":\"b1\",\"testerId\":\"" + tester + "\",\"comment\":\"The map is blank\"}", server.issuerId);
    assertThat(screenshot.status()).as(screenshot.body()).isEqualTo(201);
    String screenshotId = screenshot.json().at("/data/id").asText();
    JsonNode stored = server.get("/v1/betaFeedbackScreenshotSubmissions/" + screenshotId + "?include=build,tester").json();
    assertThat(stored.at("/data/attributes/comment").asText()).isEqualTo("The map is blank");
    assertThat(stored.at("/data/attributes/email").asText()).isEqualTo("sam@example.org");
    assertThat(stored.at("/data/attributes/screenshots/0/url").asText()).startsWith("https://");
    TestServer.Reply crash = server.admin("POST", "/_braeburn/betaFeedback", "{\"type\":\"crash\",\"buildId\":\"b1\",\"testerId\":\"" + tester + "\"}", null);
    assertThat(crash.status()).as(crash.body()).isEqualTo(201);
    assertThat(Docs.ids(server.get("/v1/apps/" + APP + "/betaFeedbackCrashSubmissions"))).containsExactly(crash.json().at("/data/id").asText());
    assertThat(server.admin("POST", "/_braeburn/betaFeedback", "{\"type\":\"video\",\"buildId\":\"b1\",\"testerId\":\"" + tester + "\"}", null).status())
        .isEqualTo(409);
    assertThat(server.admin("POST", "/_braeburn/betaFeedback", "{\"type\":\"crash\",\"buildId\":\"nope\",\"testerId\":\"" + tester + "\"}", null).status())
        .isEqualTo(404);

    runDue();
    assertThat(receiver.all()).extracting(r -> r.json().at("/data/type").asText() + " " + r.json().at("/data/relationships/instance/data/id").asText())
        .containsExactly("betaFeedbackScreenshotSubmissionCreated " + screenshotId, "betaFeedbackCrashSubmissionCreated " + crash.json().at("/data/id").asText());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A VALID build uploaded a day before server time, so it expires 89 days from now: a build
   * whose expiration date had already passed would be expired by the first scheduler pass.
   */
  private void build(String id, String app, String version) {
    Instant now = Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText()).truncatedTo(ChronoUnit.SECONDS);
    load("""
        {"data":[
          {"type":"builds","id":"%1$s","attributes":{"version":"%3$s","uploadedDate":"%5$s","expirationDate":"%6$s",
            "expired":false,"processingState":"VALID","minOsVersion":"17.0","usesNonExemptEncryption":false},
            "relationships":{"app":{"data":{"type":"apps","id":"%2$s"}}%4$s}},
          {"type":"buildBetaDetails","id":"%1$s","attributes":{"autoNotifyEnabled":true,"internalBuildState":"READY_FOR_BETA_TESTING",
            "externalBuildState":"READY_FOR_BETA_SUBMISSION"},"relationships":{"build":{"data":{"type":"builds","id":"%1$s"}}}}
        ]}""".formatted(id, app, version, app.equals(APP) ? ",\"preReleaseVersion\":{\"data\":{\"type\":\"preReleaseVersions\",\"id\":\"version-1\"}}" : "",
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(89))));
  }

  private void load(String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private void webhook(String app, String... eventTypes) {
    TestServer.Reply r = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(app, receiver.url(), "s3cret", eventTypes));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** "old→new" of every external-state notification received, in order. */
  private List<String> externalStateEvents() {
    List<String> out = new ArrayList<>();
    for (JsonNode n : receiver.of(EXTERNAL_STATE_EVENT)) {
      assertThat(n.at("/data/attributes/appId").asText(APP)).isEqualTo(APP);
      out.add(n.at("/data/attributes/oldExternalBuildState").asText() + "→" + n.at("/data/attributes/newExternalBuildState").asText());
    }
    return out;
  }

  private String now() {
    return server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText().replaceAll("\\.\\d+Z$", "Z");
  }

  private void advance(long seconds) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null), 200);
  }

  /** Runs what is due now (webhook deliveries) before it returns. */
  private void runDue() {
    advance(0);
  }

  private static void ok(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }
}
