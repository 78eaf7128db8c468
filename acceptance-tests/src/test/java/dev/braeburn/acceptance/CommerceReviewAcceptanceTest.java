package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;
import static dev.braeburn.acceptance.CommerceCalls.rel;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An app's first products reviewed with its first version (review-pipeline.md §2.2, §4.1): a
 * subscription group with two subscriptions and an in-app purchase ride in the version's review
 * submission as {@code subscriptionVersion}, {@code subscriptionGroupVersion} and
 * {@code inAppPurchaseVersion} items, are decided with it — on the virtual clock or by the admin
 * API — and afterwards the app's later products are reviewed on their own.
 */
class CommerceReviewAcceptanceTest {
  private static final String APP = "1700000015";

  private TestServer server;
  private CommerceCalls calls;
  private ReviewCalls review;
  private ReviewCalls.App app;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    calls = new CommerceCalls(server);
    review = new ReviewCalls(server);
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null));
    app = review.loadReadyApp(APP);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aSubscriptionGroupWithTwoSubscriptionsIsApprovedWithTheVersionOnTheClock() {
    String group = created(calls.createGroup(APP, "Driftwood Pro"));
    ok(calls.localize("subscriptionGroupLocalizations", "subscriptionGroup", "subscriptionGroups", group, "en-US", "Driftwood Pro", null));
    String monthly = created(calls.createSubscription(group, "com.example.driftwood.pro.monthly", "Pro Monthly", "ONE_MONTH", null));
    String yearly = created(calls.createSubscription(group, "com.example.driftwood.pro.yearly", "Pro Yearly", "ONE_YEAR", 1));
    calls.completeSubscription(monthly);
    calls.completeSubscription(yearly);
    assertThat(calls.subscriptionState(monthly)).isEqualTo("READY_TO_SUBMIT");
    assertThat(calls.subscriptionState(yearly)).isEqualTo("READY_TO_SUBMIT");

    String submission = review.submission(APP);
    review.item(submission, app.version());
    created(review.addItem(submission, "subscriptionGroupVersion", "subscriptionGroupVersions", version("subscriptionGroupVersions", "subscriptionGroup",
        "subscriptionGroups", group)));
    String monthlyVersion = version("subscriptionVersions", "subscription", "subscriptions", monthly);
    created(review.addItem(submission, "subscriptionVersion", "subscriptionVersions", monthlyVersion));
    created(review.addItem(submission, "subscriptionVersion", "subscriptionVersions", version("subscriptionVersions", "subscription", "subscriptions", yearly)));
    assertThat(calls.state("/v1/subscriptionVersions/" + monthlyVersion)).isEqualTo("READY_FOR_REVIEW");
    ok(review.patchSubmission(submission, "submitted", true));
    assertThat(calls.subscriptionState(monthly)).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(calls.subscriptionState(yearly)).isEqualTo("WAITING_FOR_REVIEW");

    review.advance(20 * 3600);
    assertThat(review.submissionState(submission)).isEqualTo("IN_REVIEW");
    assertThat(calls.subscriptionState(monthly)).isEqualTo("IN_REVIEW");
    review.advance(4 * 3600);
    assertThat(review.submissionState(submission)).isEqualTo("COMPLETE");
    assertThat(calls.subscriptionState(monthly)).isEqualTo("APPROVED");
    assertThat(calls.subscriptionState(yearly)).isEqualTo("APPROVED");
    assertThat(calls.state("/v1/subscriptionVersions/" + monthlyVersion)).isEqualTo("APPROVED");

    // now a third subscription of the app is reviewed on its own
    String weekly = created(calls.createSubscription(group, "com.example.driftwood.pro.weekly", "Pro Weekly", "ONE_WEEK", null));
    calls.completeSubscription(weekly);
    created(calls.submit("subscriptionSubmissions", "subscription", "subscriptions", weekly));
    assertThat(calls.subscriptionState(weekly)).isEqualTo("WAITING_FOR_REVIEW");
  }

  @Test
  void aRidingInAppPurchaseIsRejectedWithItsSubmissionByTheAdminApi() {
    review.autoApprove(false);
    String iap = calls.iap(APP, "com.example.driftwood.charts", "Charts", "NON_CONSUMABLE");
    calls.completeIap(iap);
    String submission = review.submission(APP);
    review.item(submission, app.version());
    created(review.addItem(submission, "inAppPurchaseVersion", "inAppPurchaseVersions", version("inAppPurchaseVersions", "inAppPurchase", "inAppPurchases", iap)));
    ok(review.patchSubmission(submission, "submitted", true));
    assertThat(calls.iapState(iap)).isEqualTo("WAITING_FOR_REVIEW");
    TestServer.Reply alone = server.admin("POST", "/_braeburn/productReviews/inAppPurchases/" + iap, "{\"decision\":\"APPROVED\"}", server.issuerId);
    assertThat(alone.status()).as(alone.body()).isEqualTo(409);
    assertThat(alone.body()).contains("rides with an app version");
    ok(review.decide(submission, "REJECTED", "Guideline 3.1.1"));
    assertThat(calls.iapState(iap)).isEqualTo("REJECTED");
    assertThat(review.versionState(app.version())).isEqualTo("REJECTED");
  }

  @Test
  void anIncompleteProductCannotRideInASubmission() {
    String iap = calls.iap(APP, "com.example.driftwood.maps", "Maps", "NON_CONSUMABLE");
    String submission = review.submission(APP);
    TestServer.Reply r = review.addItem(submission, "inAppPurchaseVersion", "inAppPurchaseVersions",
        version("inAppPurchaseVersions", "inAppPurchase", "inAppPurchases", iap));
    ReleaseWorld.refused(r, 409, List.of(Arrays.asList("STATE_ERROR.ENTITY_STATE_INVALID", "inAppPurchases with id '" + iap + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.", null)), "no localization", "no price");
  }

  private String version(String type, String relationship, String productType, String productId) {
    return created(server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"relationships\":{"
        + rel(relationship, productType, productId) + "}}}"));
  }
}
