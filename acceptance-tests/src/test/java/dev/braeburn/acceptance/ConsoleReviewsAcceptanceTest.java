package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's reviews page over HTTP (docs/console.md): a TestFlight submission and the demo
 * seed's App Store submission waiting for review are listed with their app, build or version,
 * submitted date and when auto-approval decides; Approve moves them on and off the page. Also the
 * admin routes behind it: {@code GET /_braeburn/betaReviews/pending}, {@code appReviews/pending},
 * {@code productReviews/pending}.
 */
class ConsoleReviewsAcceptanceTest {
  static final String APP = "1700000001";
  static final String BUILD = "console-b1";
  /** The demo seed's tvOS submission of Tidewater's app 1600000003, WAITING_FOR_REVIEW. */
  static final String APP_STORE_SUBMISSION = "0eb77ae1-f7f7-594b-98ac-db5fab183fc1";

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Loads an app "Harbor" with a processed build "101" and submits the build to Beta App Review; answers the submission id. */
  static String betaSubmissionWaiting(TestServer server) {
    Instant now = Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText()).truncatedTo(ChronoUnit.SECONDS);
    TestServer.Reply loaded = server.admin("POST", "/_braeburn/resources", """
        {"data":[
          {"type":"apps","id":"%1$s","attributes":{"name":"Harbor","bundleId":"com.example.harbor","sku":"HARBOR","primaryLocale":"en-US"}},
          {"type":"betaAppReviewDetails","id":"console-review-detail","attributes":{"contactFirstName":"Lena","contactLastName":"Vogt",
            "contactPhone":"+49 30 1234567","contactEmail":"lena@example.com","demoAccountRequired":false},
            "relationships":{"app":{"data":{"type":"apps","id":"%1$s"}}}},
          {"type":"builds","id":"%2$s","attributes":{"version":"101","uploadedDate":"%3$s","expirationDate":"%4$s",
            "expired":false,"processingState":"VALID","minOsVersion":"17.0","usesNonExemptEncryption":false},
            "relationships":{"app":{"data":{"type":"apps","id":"%1$s"}}}},
          {"type":"buildBetaDetails","id":"%2$s","attributes":{"autoNotifyEnabled":true,"internalBuildState":"READY_FOR_BETA_TESTING",
            "externalBuildState":"READY_FOR_BETA_SUBMISSION"},"relationships":{"build":{"data":{"type":"builds","id":"%2$s"}}}}
        ]}""".formatted(APP, BUILD, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(89))), null);
    assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
    TestServer.Reply submitted = new TestFlightCalls(server).submit(BUILD);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    return submitted.json().at("/data/id").asText();
  }

  @Test
  void theAdminApiListsWhatWaitsForADecisionWithWhenAutoApprovalDecides() {
    String beta = betaSubmissionWaiting(server);
    JsonNode pending = server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().path("data");
    assertThat(pending).hasSize(1);
    JsonNode entry = pending.get(0);
    assertThat(entry.path("id").asText()).isEqualTo(beta);
    assertThat(entry.path("buildVersion").asText()).isEqualTo("101");
    assertThat(entry.path("appName").asText()).isEqualTo("Harbor");
    Instant submitted = Instant.parse(entry.path("submittedDate").asText());
    assertThat(Instant.parse(entry.path("autoApproveAt").asText())).isEqualTo(submitted.plus(Duration.ofHours(24)));

    JsonNode appStore = server.admin("GET", "/_braeburn/appReviews/pending", null, server.issuerId).json().path("data");
    assertThat(appStore).extracting(n -> n.path("id").asText()).containsExactly(APP_STORE_SUBMISSION);
    assertThat(appStore.get(0).path("state").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(appStore.get(0).at("/items/0/item/versionString").asText()).isEqualTo("1.7.0");
    assertThat(appStore.get(0).path("autoApproveAt").isTextual()).isTrue();

    assertThat(server.admin("GET", "/_braeburn/productReviews/pending", null, server.issuerId).json().path("data").isArray()).isTrue();

    // auto-approval off: nothing is scheduled to decide, and the listing says so
    assertThat(server.admin("PATCH", "/_braeburn/betaReviews", "{\"autoApprove\":false}", server.issuerId).status()).isEqualTo(200);
    new TestFlightCalls(server).decide(beta, "REJECTED");
    assertThat(server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().path("data")).isEmpty();
    assertThat(new TestFlightCalls(server).submit(BUILD).status()).isEqualTo(201);
    assertThat(server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().at("/data/0/autoApproveAt").isNull()).isTrue();
  }

  @Test
  void aResubmittedBuildWaitsForItsOwnAutoApprovalNotThePreviousSubmissions() {
    String beta = betaSubmissionWaiting(server);
    assertThat(new TestFlightCalls(server).decide(beta, "REJECTED").status()).isEqualTo(200);
    advance(12 * 3600);
    assertThat(new TestFlightCalls(server).submit(BUILD).status()).isEqualTo(201);
    JsonNode entry = server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().at("/data/0");
    Instant resubmitted = Instant.parse(entry.path("submittedDate").asText());
    assertThat(Instant.parse(entry.path("autoApproveAt").asText())).isEqualTo(resubmitted.plus(Duration.ofHours(24)));

    advance(13 * 3600); // past the first submission's 24 h: its auto-approval was dropped with its decision
    assertThat(new TestFlightCalls(server).externalState(BUILD)).isEqualTo("IN_BETA_REVIEW");
    advance(11 * 3600);
    assertThat(new TestFlightCalls(server).externalState(BUILD)).isEqualTo("BETA_APPROVED");
    assertThat(server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().path("data")).isEmpty();
  }

  @Test
  void anInAppPurchaseReviewedOnItsOwnIsListedAndRejectedFromThePage() throws Exception {
    CommerceCalls commerce = new CommerceCalls(server);
    String iap = commerce.iap(CommerceServerTest.LEDGERLY, "com.tidewaterlabs.ledgerly.console", "Console Pack", "NON_CONSUMABLE");
    commerce.completeIap(iap);
    CommerceCalls.created(commerce.submit("inAppPurchaseSubmissions", "inAppPurchaseV2", "inAppPurchases", iap));
    JsonNode pending = server.admin("GET", "/_braeburn/productReviews/pending", null, server.issuerId).json().path("data");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("type").asText()).isEqualTo("inAppPurchases");
    assertThat(pending.get(0).path("name").asText()).isEqualTo("Console Pack");
    assertThat(pending.get(0).path("autoApproveAt").isTextual()).isTrue();

    ConsoleHttp console = ConsoleHttp.signIn(server);
    assertThat(console.page("reviews")).contains("id=\"review-" + iap + "\"", "com.tidewaterlabs.ledgerly.console", pending.get(0).path("autoApproveAt").asText());
    String after = console.submit("reviews/decide", "team=" + ConsoleHttp.encode(server.issuerId) + "&kind=inAppPurchases&id=" + iap
        + "&decision=REJECTED").body();
    assertThat(commerce.iapState(iap)).isEqualTo("REJECTED");
    assertThat(after).doesNotContain("id=\"review-" + iap + "\"").contains("No product is waiting for a review of its own.");
  }

  private void advance(long seconds) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null).status()).isEqualTo(200);
  }

  @Test
  void approvingOnTheReviewsPageMovesTheBuildAndTheSubmissionOnAndOffThePage() throws Exception {
    String beta = betaSubmissionWaiting(server);
    String autoApproveAt = server.admin("GET", "/_braeburn/betaReviews/pending", null, server.issuerId).json().at("/data/0/autoApproveAt").asText();
    ConsoleHttp console = ConsoleHttp.signIn(server);

    String page = console.page("reviews");
    assertThat(page).contains("id=\"review-" + beta + "\"", "Harbor (" + APP + ")", "<td>101</td>", "WAITING_FOR_REVIEW", autoApproveAt,
        "Auto-approval on: 24 h after submission");
    assertThat(page).contains("id=\"review-" + APP_STORE_SUBMISSION + "\"", "appStoreVersions 1.7.0");

    String team = "team=" + ConsoleHttp.encode(server.issuerId);
    var approved = console.submit("reviews/decide", team + "&kind=beta&id=" + beta + "&decision=APPROVED");
    assertThat(approved.uri().getPath()).isEqualTo("/_braeburn/console/reviews");
    assertThat(new TestFlightCalls(server).externalState(BUILD)).isEqualTo("BETA_APPROVED");
    assertThat(approved.body()).doesNotContain("id=\"review-" + beta + "\"").contains("No TestFlight submission is waiting.");

    console.submit("reviews/decide", team + "&kind=app&id=" + APP_STORE_SUBMISSION + "&decision=APPROVED");
    assertThat(server.admin("GET", "/_braeburn/appReviews/" + APP_STORE_SUBMISSION, null, server.issuerId).json().at("/data/state").asText())
        .isEqualTo("COMPLETE");
    assertThat(console.page("reviews")).doesNotContain("id=\"review-" + APP_STORE_SUBMISSION + "\"");

    // a decision the admin API refuses (already decided) shows as a refusal page, and a made-up kind is refused
    assertThat(console.submit("reviews/decide", team + "&kind=beta&id=" + beta + "&decision=APPROVED").statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(console.submit("reviews/decide", team + "&kind=teams&id=x&decision=APPROVED").statusCode()).isEqualTo(409);
  }
}
