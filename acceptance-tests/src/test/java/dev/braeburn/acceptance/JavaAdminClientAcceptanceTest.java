package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.api.ApiErrorException;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import dev.braeburn.client.api.JournalEntry;
import dev.braeburn.client.api.Purchase;
import dev.braeburn.client.api.RequestFilter;
import dev.braeburn.client.api.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BraeburnAdmin} walking the admin API a test suite drives, against a real server with the
 * demo seed: the journal and its filters, resources, tasks, webhook events and redelivery, the
 * pending review lists, StoreKit purchases, subscriptions and refunds, metrics, upload failures,
 * and team and key settings.
 */
class JavaAdminClientAcceptanceTest {
  static final String APP = WebhooksAcceptanceTest.APP;
  TestServer server;
  BraeburnAdmin admin;
  WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    admin = new BraeburnAdmin(server.baseUrl(), server.server.adminToken());
    receiver = new WebhookReceiver();
    admin.freezeClock();
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  private AppStoreConnectClient client() {
    return AppStoreConnectClient.builder(server.keyFile()).baseUrl(server.baseUrl()).retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void theJournalFindsARefusedRequestByStatusAndKey() {
    AppStoreConnectClient client = client();
    client.get("/v1/apps");
    catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/apps/nope"));

    List<JournalEntry> notFound = admin.requests(RequestFilter.all().status(404).keyId(server.keyId).limit(5));
    assertThat(notFound).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isEqualTo(404));
    assertThat(notFound.get(0).path()).isEqualTo("/v1/apps/nope");
    assertThat(notFound.get(0).diagnosis()).isNotBlank();
    assertThat(admin.requests(RequestFilter.all().limit(1))).hasSize(1);

    admin.clearRequests();
    assertThat(admin.requests(RequestFilter.all().status(404))).isEmpty();
  }

  @Test
  void storedResourcesByTypePageAndOne() {
    Map<String, Long> types = admin.resourceTypes(null);
    assertThat(types).containsKey("apps");
    List<JsonNode> apps = admin.allResources("apps", null);
    assertThat((long) apps.size()).isEqualTo(types.get("apps"));
    JsonNode firstPage = admin.resources("apps", 1, null, null);
    assertThat(firstPage.path("data")).hasSize(1);
    assertThat(firstPage.at("/links/next").asText()).as("more than one app in the demo").isNotEmpty();

    JsonNode app = admin.resource("apps", APP, null);
    assertThat(app.at("/data/attributes/name").asText()).isNotEmpty();
    assertThat(app.at("/data/relationships").size()).isPositive();
  }

  @Test
  void anInjectedEventIsDeliveredListedAndRedelivered() {
    AppStoreConnectClient client = client();
    client.post("/v1/webhooks", read(WebhookReceiver.createBody(APP, receiver.url(), WebhooksAcceptanceTest.SECRET,
        "BUILD_UPLOAD_STATE_UPDATED")));
    JsonNode injected = admin.injectWebhookEvent(APP, "BUILD_UPLOAD_STATE_UPDATED",
        TestServer.JSON.createObjectNode().put("oldState", "PROCESSING").put("newState", "COMPLETE"), null, null);
    assertThat(injected.at("/data/deliveries")).hasSize(1);
    assertThat(admin.tasks(null, 50).path("data").toString()).as("the delivery waits on the clock").contains("\"issuerId\"");
    admin.advanceClock(Duration.ZERO);
    receiver.next();

    JsonNode delivery = admin.webhookDeliveries(APP, null).at("/data/0/deliveries/0");
    assertThat(delivery.path("deliveryState").asText()).isEqualTo("SUCCEEDED");
    admin.redeliverWebhook(delivery.path("id").asText(), null);
    admin.advanceClock(Duration.ZERO);
    receiver.next();
    assertThat(admin.webhookDeliveries(APP, null).at("/data/0/deliveries")).hasSize(2);
  }

  @Test
  void pendingReviewListsAnswerWithTypedEntries() {
    assertThat(admin.pendingBetaReviews(null)).allSatisfy(p -> assertThat(p.type()).isEqualTo("betaAppReviewSubmissions"));
    assertThat(admin.pendingAppReviews(null)).allSatisfy(p -> assertThat(p.type()).isEqualTo("reviewSubmissions"));
    assertThat(admin.pendingProductReviews(null)).allSatisfy(p -> assertThat(p.type()).isIn("inAppPurchases", "subscriptions"));
    assertThat(admin.updateBetaReviewSettings(TestServer.JSON.createObjectNode().put("autoApproveAfterHours", 2), null).toString())
        .contains("\"autoApproveAfterHours\":2");
    assertThat(admin.betaReviewSettings(null).toString()).contains("\"autoApproveAfterHours\":2");
    assertThat(admin.appReviewSettings(null).toString()).contains("autoApprove");
    ApiErrorException unknown = catchThrowableOfType(ApiErrorException.class, () -> admin.decideBetaReview("nope", "APPROVED", null));
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void aCustomerBuysSubscribesCancelsAndAsksForARefund() {
    Purchase tip = admin.purchase(PurchasesAcceptanceTest.TIDELINE, PurchasesAcceptanceTest.TIP, null);
    assertThat(tip.transactionId()).isNotBlank();
    assertThat(tip.signedTransaction()).matches("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    JsonNode refund = admin.requestRefund(tip.transactionId(), "UNINTENDED_PURCHASE", null);
    assertThat(refund.path("consumptionRequestDeadline").asLong() - refund.path("requestDate").asLong()).isEqualTo(12 * 3_600_000L);
    assertThat(admin.refundRequest(tip.transactionId(), null).toString()).contains(tip.transactionId());

    Purchase monthly = admin.purchase(PurchasesAcceptanceTest.LEDGERLY, PurchasesAcceptanceTest.MONTHLY, null);
    admin.subscriptionEvent(monthly.originalTransactionId(), "CANCEL_AUTO_RENEW", null);
    assertThat(admin.subscription(monthly.originalTransactionId(), null).toString()).contains(monthly.originalTransactionId());
  }

  @Test
  void metricsUploadFailuresAndTeamAndKeySettings() {
    String appId = admin.metricsApps(null).at("/data/0/appId").asText();
    JsonNode summary = admin.metricsSummary(appId, "2026-01-05", "2026-01-11", null).path("data");
    assertThat(summary.path("from").asText()).isEqualTo("2026-01-05");
    assertThat(admin.metricsModel(appId, null).toString()).contains("dailyDownloads");
    assertThat(admin.healthy()).isTrue();
    assertThat(admin.updateStorekitEnvironment(null, "Production", null).toString()).contains("Production");
    assertThat(admin.storekitEnvironment(null, null).toString()).contains("Production");

    admin.setUploadFailure(APP, "INVALID_BINARY", null);
    assertThat(admin.uploadFailure(APP, null).toString()).contains("INVALID_BINARY");
    admin.setUploadFailure(APP, null, null);
    assertThat(admin.uploadFailure(APP, null).toString()).doesNotContain("INVALID_BINARY");

    AppStoreConnectClient client = client();
    admin.updateTeam(server.issuerId, true, null);
    assertThat(catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/apps")).status()).isEqualTo(403);
    admin.updateTeam(server.issuerId, false, null);
    assertThat(client.get("/v1/apps").data()).isNotEmpty();

    assertThat(admin.updateKeyHourlyLimit(server.keyId, 1).toString()).contains("\"hourlyLimit\":1");
    client.get("/v1/apps");
    ApiErrorException limited = catchThrowableOfType(ApiErrorException.class, () -> client.get("/v1/apps"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("RATE_LIMIT_EXCEEDED");
    admin.updateKeyHourlyLimit(server.keyId, null);
  }

  private static JsonNode read(String json) {
    try {
      return TestServer.JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
