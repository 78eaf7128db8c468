package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.ReviewSubmissionsAcceptanceTest.ok;
import static dev.braeburn.acceptance.ReviewSubmissionsAcceptanceTest.transitions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App Review on the virtual clock (review-pipeline.md §4.1, §4.3, §4.4; docs/app-review.md): the
 * review starts 20 h after submission and, with auto-approve on, ends approved 24 h after it;
 * with it off the admin API decides; a rejection leaves the submission UNRESOLVED_ISSUES until
 * the rejected item is resolved and the same submission resubmitted, or removed. The rejection
 * reason never appears in the public API, only in the admin API and the journal. Every version
 * state change is announced, in order.
 */
class AppReviewAcceptanceTest {
  private static final long HOUR = 3600;
  /** The version's way through one review that approves it (MANUAL release), as webhooks announce it. */
  private static final List<String> APPROVED_FIRST_TIME = List.of("PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW",
      "READY_FOR_REVIEW→WAITING_FOR_REVIEW", "WAITING_FOR_REVIEW→IN_REVIEW", "IN_REVIEW→PENDING_DEVELOPER_RELEASE");

  private TestServer server;
  private ReviewCalls calls;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    calls = new ReviewCalls(server);
    receiver = new WebhookReceiver();
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null), 200);
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  private ReviewCalls.App readyAppWithWebhook(String appId) {
    ReviewCalls.App app = calls.loadReadyApp(appId);
    ok(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(app.id(), receiver.url(), "review-secret",
        "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED")), 201);
    return app;
  }

  @Test
  void aSubmissionIsReviewedAfterTwentyHoursAndApprovedAfterADay() {
    ReviewCalls.App app = readyAppWithWebhook("1700000201");
    Instant submittedAt = now();
    String submission = calls.submitted(app);
    JsonNode pending = server.admin("GET", "/_braeburn/appReviews/" + submission, null, server.issuerId).json().path("data");
    assertThat(pending.path("state").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(Instant.parse(pending.path("reviewStartsAt").asText())).isEqualTo(submittedAt.plus(Duration.ofHours(20)));
    assertThat(Instant.parse(pending.path("autoApproveAt").asText())).isEqualTo(submittedAt.plus(Duration.ofHours(24)));
    assertThat(pending.at("/items/0/item/appVersionState").asText()).isEqualTo("WAITING_FOR_REVIEW");

    calls.advance(20 * HOUR - 1);
    assertThat(calls.submissionState(submission)).isEqualTo("WAITING_FOR_REVIEW");
    calls.advance(1);
    assertThat(calls.submissionState(submission)).isEqualTo("IN_REVIEW");
    assertThat(calls.versionState(app.version())).isEqualTo("IN_REVIEW");
    calls.advance(4 * HOUR);
    assertThat(calls.submissionState(submission)).isEqualTo("COMPLETE");
    String item = Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items")).getFirst();
    assertThat(calls.itemState(submission, item)).isEqualTo("APPROVED");
    JsonNode version = server.get("/v1/appStoreVersions/" + app.version()).json().at("/data/attributes");
    assertThat(version.path("appVersionState").asText()).as("MANUAL release: waits for the developer").isEqualTo("PENDING_DEVELOPER_RELEASE");
    assertThat(version.path("appStoreState").asText()).isEqualTo("PENDING_DEVELOPER_RELEASE");
    assertThat(server.admin("GET", "/_braeburn/appReviews/" + submission, null, server.issuerId).json().at("/data/autoApproveAt").isNull()).isTrue();
    assertThat(transitions(receiver)).containsExactlyElementsOf(APPROVED_FIRST_TIME);
  }

  @Test
  void withAutoApproveOffTheReviewerDecides() {
    calls.autoApprove(false);
    ReviewCalls.App app = readyAppWithWebhook("1700000202");
    String submission = calls.submitted(app);
    calls.advance(72 * HOUR);
    assertThat(calls.submissionState(submission)).as("in review until someone decides").isEqualTo("IN_REVIEW");
    TestServer.Reply approved = calls.decide(submission, "APPROVED", null);
    ok(approved, 200);
    assertThat(approved.json().at("/data/state").asText()).isEqualTo("COMPLETE");
    assertThat(approved.json().at("/data/items/0/state").asText()).isEqualTo("APPROVED");
    assertThat(approved.json().at("/data/items/0/item/appVersionState").asText()).isEqualTo("PENDING_DEVELOPER_RELEASE");
    assertThat(calls.versionState(app.version())).isEqualTo("PENDING_DEVELOPER_RELEASE");

    TestServer.Reply again = calls.decide(submission, "REJECTED", "too late");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/errors/0/detail").asText()).isEqualTo("The reviewSubmission '" + submission + "' is COMPLETE and has no review to decide.");
    calls.advance(0);
    assertThat(transitions(receiver)).containsExactlyElementsOf(APPROVED_FIRST_TIME);
  }

  @Test
  void aRejectionIsResolvedAndTheSameSubmissionResubmitted() {
    calls.autoApprove(false);
    ReviewCalls.App app = readyAppWithWebhook("1700000203");
    String submission = calls.submitted(app);
    String item = Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items")).getFirst();
    String reason = "Guideline 2.1 - Performance - App Completeness: the app crashed on launch on iPad Air (5th generation).";

    TestServer.Reply rejected = calls.decide(submission, "REJECTED", reason);
    ok(rejected, 200);
    assertThat(rejected.header("X-Braeburn-Diagnosis")).contains("rejected reviewSubmission " + submission).contains("Guideline 2.1");
    assertThat(rejected.json().at("/data/rejectionReason").asText()).isEqualTo(reason);
    assertThat(calls.submissionState(submission)).isEqualTo("UNRESOLVED_ISSUES");
    assertThat(calls.itemState(submission, item)).isEqualTo("REJECTED");
    assertThat(calls.versionState(app.version())).isEqualTo("REJECTED");
    // Apple shows the reason only in the Resolution Center: never in the public API
    for (String path : new String[] {"/v1/reviewSubmissions/" + submission + "?include=items,appStoreVersionForReview",
        "/v1/reviewSubmissions?filter[app]=" + app.id(), "/v1/appStoreVersions/" + app.version(), "/v1/reviewSubmissions/" + submission + "/items"}) {
      TestServer.Reply r = server.get(path);
      ok(r, 200);
      assertThat(r.body()).as(path).doesNotContain("Guideline").doesNotContain("rejectionReason");
    }
    JsonNode journal = server.admin("GET", "/_braeburn/requests?limit=50", null, null).json().path("data");
    assertThat(journal.findValuesAsText("diagnosis")).anyMatch(d -> d.contains(reason));

    // while the issues are unresolved: no new items, no deleting, no second submission
    TestServer.Reply delete = server.send("DELETE", "/v1/reviewSubmissionItems/" + item, null);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.header("X-Braeburn-Diagnosis")).contains("PATCH {\"removed\":true}");
    TestServer.Reply another = calls.createSubmission(app.id(), "IOS");
    assertThat(another.json().at("/errors/0/detail").asText()).isEqualTo("There is another reviewSubmissions with id " + submission + " still in progress.");

    // the developer answers in the Resolution Center, then resubmits the same submission
    TestServer.Reply resolved = calls.patchItem(item, "resolved");
    ok(resolved, 200);
    assertThat(resolved.json().at("/data/attributes/state").asText()).isEqualTo("READY_FOR_REVIEW");
    assertThat(calls.versionState(app.version())).isEqualTo("READY_FOR_REVIEW");
    assertThat(calls.submissionState(submission)).isEqualTo("UNRESOLVED_ISSUES");
    TestServer.Reply resubmitted = calls.patchSubmission(submission, "submitted", true);
    ok(resubmitted, 200);
    assertThat(resubmitted.json().at("/data/attributes/state").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(calls.versionState(app.version())).isEqualTo("WAITING_FOR_REVIEW");
    calls.advance(20 * HOUR);
    assertThat(calls.submissionState(submission)).isEqualTo("IN_REVIEW");
    ok(calls.decide(submission, "APPROVED", null), 200);
    assertThat(calls.submissionState(submission)).isEqualTo("COMPLETE");
    assertThat(calls.versionState(app.version())).isEqualTo("PENDING_DEVELOPER_RELEASE");
    calls.advance(0);
    assertThat(transitions(receiver)).containsExactly("PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW", "READY_FOR_REVIEW→WAITING_FOR_REVIEW",
        "WAITING_FOR_REVIEW→IN_REVIEW", "IN_REVIEW→REJECTED", "REJECTED→READY_FOR_REVIEW", "READY_FOR_REVIEW→WAITING_FOR_REVIEW",
        "WAITING_FOR_REVIEW→IN_REVIEW", "IN_REVIEW→PENDING_DEVELOPER_RELEASE");
  }

  @Test
  void removingTheRejectedItemCompletesTheSubmissionAndFreesTheVersion() {
    calls.autoApprove(false);
    ReviewCalls.App app = readyAppWithWebhook("1700000204");
    String submission = calls.submitted(app);
    String item = Docs.ids(server.get("/v1/reviewSubmissions/" + submission + "/items")).getFirst();
    ok(calls.decide(submission, "REJECTED", null), 200);
    TestServer.Reply removed = calls.patchItem(item, "removed");
    ok(removed, 200);
    assertThat(removed.json().at("/data/attributes/state").asText()).isEqualTo("REMOVED");
    assertThat(calls.versionState(app.version())).isEqualTo("DEVELOPER_REJECTED");
    assertThat(calls.submissionState(submission)).as("no rejected item left: complete (D-UNRES)").isEqualTo("COMPLETE");

    String next = calls.submission(app.id());
    calls.item(next, app.version());
    ok(calls.patchSubmission(next, "submitted", true), 200);
    assertThat(calls.versionState(app.version())).isEqualTo("WAITING_FOR_REVIEW");
    calls.advance(0);
    assertThat(transitions(receiver)).containsExactly("PREPARE_FOR_SUBMISSION→READY_FOR_REVIEW", "READY_FOR_REVIEW→WAITING_FOR_REVIEW",
        "WAITING_FOR_REVIEW→IN_REVIEW", "IN_REVIEW→REJECTED", "REJECTED→DEVELOPER_REJECTED", "DEVELOPER_REJECTED→READY_FOR_REVIEW",
        "READY_FOR_REVIEW→WAITING_FOR_REVIEW");
  }

  @Test
  void anEarlierAutomaticApprovalStartsTheReviewEarlierAndTheReviewerCannotDecideWhatIsNotInReview() {
    ok(server.admin("PATCH", "/_braeburn/appReviews", "{\"autoApprove\":true,\"autoApproveAfterHours\":2}", server.issuerId), 200);
    ReviewCalls.App app = readyAppWithWebhook("1700000205");
    String draft = calls.submission(app.id());
    TestServer.Reply notSubmitted = calls.decide(draft, "APPROVED", null);
    assertThat(notSubmitted.status()).isEqualTo(409);
    assertThat(notSubmitted.header("X-Braeburn-Diagnosis")).contains("not submitted yet");
    assertThat(calls.decide("no-such-submission", "APPROVED", null).status()).isEqualTo(404);
    TestServer.Reply bad = server.admin("POST", "/_braeburn/appReviews/" + draft, "{\"decision\":\"MAYBE\"}", server.issuerId);
    assertThat(bad.status()).isEqualTo(409);
    assertThat(bad.json().at("/errors/0/source/pointer").asText()).isEqualTo("/decision");

    calls.item(draft, app.version());
    ok(calls.patchSubmission(draft, "submitted", true), 200);
    calls.advance(2 * HOUR);
    assertThat(calls.submissionState(draft)).isEqualTo("COMPLETE");
    calls.advance(0);
    assertThat(transitions(receiver)).containsExactlyElementsOf(APPROVED_FIRST_TIME);
  }

  private Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText())
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}
