package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.model.CheckTestNotificationResponse;
import com.apple.itunes.storekit.model.ConsumptionRequestReason;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.NotificationHistoryRequest;
import com.apple.itunes.storekit.model.NotificationHistoryResponse;
import com.apple.itunes.storekit.model.NotificationHistoryResponseItem;
import com.apple.itunes.storekit.model.NotificationTypeV2;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.model.SendAttemptItem;
import com.apple.itunes.storekit.model.SendAttemptResult;
import com.apple.itunes.storekit.model.Subtype;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App Store Server Notifications V2 (docs/server-api.md "Server Notifications V2"): a receiver on
 * 127.0.0.1 gets signed payloads that Apple's {@code SignedDataVerifier} accepts with Braeburn's
 * root; Production retries at +1, +12, +24, +48, +72 h on the virtual clock, Sandbox tries once;
 * notification history pages 20 at a time and refuses each bad request with Apple's code. Apple's
 * Java library is the client.
 */
class ServerNotificationsAcceptanceTest extends SharedDemoServerTest {
  static final String TIDELINE = "com.tidewaterlabs.tideline";
  static final String TIDELINE_ID = "1600000001";
  static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  static final String LEDGERLY_ID = "1600000002";
  static JsonNode keyJson;
  static ApiKeyFile key;
  WebhookReceiver receiver;

  @BeforeAll
  static void freezeAndKey() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    keyJson = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    key = ApiKeyFile.fromPem(keyJson.path("keyId").asText(), keyJson.path("issuerId").asText(), keyJson.path("privateKey").asText());
  }

  @BeforeEach
  void receiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  /** Apple's client with one change: the base URL is Braeburn's. */
  static final class BraeburnClient extends AppStoreServerAPIClient {
    BraeburnClient(String bundleId, Environment environment) {
      super(keyJson.path("privateKey").asText(), key.keyId(), key.issuerId(), bundleId, environment);
    }

    @Override
    protected String getUrlForEnvironment(Environment environment) {
      return server.baseUrl();
    }
  }

  @Test
  void aTestNotificationReachesTheReceiverSignedWithBraeburnsRoot() throws Exception {
    sandboxUrl(LEDGERLY_ID, receiver.url());
    BraeburnClient client = new BraeburnClient(LEDGERLY, Environment.SANDBOX);
    String token = client.requestTestNotification().getTestNotificationToken();
    assertThat(token).matches("[0-9a-f-]{36}_[0-9]+");
    runDue();

    WebhookReceiver.Received got = receiver.next();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.header("Content-Type")).startsWith("application/json");
    String signedPayload = got.json().path("signedPayload").asText();
    ResponseBodyV2DecodedPayload payload = verifier(LEDGERLY, 1600000002L, Environment.SANDBOX).verifyAndDecodeNotification(signedPayload);
    assertThat(payload.getNotificationType()).isEqualTo(NotificationTypeV2.TEST);
    assertThat(payload.getSubtype()).isNull();
    assertThat(payload.getVersion()).isEqualTo("2.0");
    assertThat(payload.getNotificationUUID()).isEqualTo(token.substring(0, token.indexOf('_')));
    assertThat(payload.getSignedDate()).isEqualTo(now().toEpochMilli());
    assertThat(payload.getData().getBundleId()).isEqualTo(LEDGERLY);
    assertThat(payload.getData().getEnvironment()).isEqualTo(Environment.SANDBOX);
    assertThat(payload.getData().getAppAppleId()).isEqualTo(1600000002L);
    assertThat(payload.getData().getBundleVersion()).as("no build made a TEST notification (inferred)").isNull();

    CheckTestNotificationResponse status = client.getTestNotificationStatus(token);
    assertThat(status.getSignedPayload()).isEqualTo(signedPayload);
    assertThat(status.getSendAttempts()).extracting(SendAttemptItem::getSendAttemptResult).containsExactly(SendAttemptResult.SUCCESS);
    assertThat(status.getSendAttempts().getFirst().getAttemptDate()).isEqualTo(now().toEpochMilli());

    assertThat(apiError(() -> client.getTestNotificationStatus("not-a-token"))).isEqualTo(4000020L);
    assertThat(apiError(() -> client.getTestNotificationStatus("9f90efb9-1111-2222-3333-5d1fc89f4546_1739179413123"))).isEqualTo(4040008L);
    assertThat(apiError(() -> new BraeburnClient(TIDELINE, Environment.SANDBOX).getTestNotificationStatus(token)))
        .as("another app's token is not found").isEqualTo(4040008L);
  }

  @Test
  void noUrlForTheEnvironmentIsApplesServerNotificationUrlNotFound() throws Exception {
    patchApp(TIDELINE_ID, "{\"subscriptionStatusUrlForSandbox\":null}");
    BraeburnClient client = new BraeburnClient(TIDELINE, Environment.SANDBOX);
    assertThat(apiError(client::requestTestNotification)).isEqualTo(4040007L);
    TestServer.Reply raw = server.send("POST", "/inApps/v1/notifications/test", null, ServerApiAdmissionAcceptanceTest.token(key, TIDELINE));
    assertThat(raw.header("X-Braeburn-Diagnosis")).contains("no subscriptionStatusUrlForSandbox").contains("PATCH /v1/apps/" + TIDELINE_ID);

    // a notification of the purchase side is still recorded, but not sent
    JsonNode emitted = emit("{\"bundleId\":\"" + TIDELINE + "\",\"notificationType\":\"ONE_TIME_CHARGE\"}");
    runDue();
    assertThat(receiver.count()).isZero();
    assertThat(emitted.path("undelivered").asText()).contains("no subscriptionStatusUrlForSandbox");
    assertThat(notification(emitted).path("sendAttempts")).isEmpty();
    sandboxUrl(TIDELINE_ID, receiver.url());
  }

  @Test
  void aFailingReceiverInProductionGetsApplesRetryScheduleOnTheClock() throws Exception {
    production(TIDELINE_ID, receiver.url());
    try {
      receiver.status.set(500);
      JsonNode emitted = emit("{\"bundleId\":\"" + TIDELINE + "\",\"notificationType\":\"ONE_TIME_CHARGE\",\"transaction\":"
          + transaction("2000000000001001", "Production") + "}");
      long first = now().toEpochMilli();
      runDue();
      receiver.next();
      long[] hours = {1, 12, 24, 48, 72};
      for (int i = 0; i < hours.length; i++) {
        advance(hours[i] * 3600 - 1);
        assertThat(receiver.nothingMore()).as("not before the retry delay").isTrue();
        advance(1);
        receiver.next();
        assertThat(notification(emitted).path("sendAttempts")).hasSize(i + 2);
      }
      advance(200 * 3600);
      assertThat(receiver.nothingMore()).as("an initial attempt and five retries").isTrue();

      JsonNode attempts = notification(emitted).path("sendAttempts");
      assertThat(attempts).hasSize(6);
      long expected = first;
      for (int i = 0; i < 6; i++) {
        expected += i == 0 ? 0 : hours[i - 1] * 3_600_000L;
        assertThat(attempts.get(i).path("attemptDate").asLong()).isEqualTo(expected);
        assertThat(attempts.get(i).path("sendAttemptResult").asText()).isEqualTo("UNSUCCESSFUL_HTTP_RESPONSE_CODE");
      }

      // a delivered one is not a failure
      receiver.status.set(200);
      emit("{\"bundleId\":\"" + TIDELINE + "\",\"notificationType\":\"ONE_TIME_CHARGE\",\"transaction\":"
          + transaction("2000000000001002", "Production") + "}");
      runDue();
      receiver.next();

      BraeburnClient client = new BraeburnClient(TIDELINE, Environment.PRODUCTION);
      SignedDataVerifier verifier = verifier(TIDELINE, 1600000001L, Environment.PRODUCTION);
      NotificationHistoryResponse failures = client.getNotificationHistory(null, new NotificationHistoryRequest()
          .startDate(first).endDate(now().toEpochMilli() + 1000).onlyFailures(true));
      assertThat(failures.getHasMore()).isFalse();
      assertThat(failures.getPaginationToken()).isNull();
      assertThat(failures.getNotificationHistory()).hasSize(1);
      NotificationHistoryResponseItem item = failures.getNotificationHistory().getFirst();
      assertThat(item.getSendAttempts()).hasSize(6);
      ResponseBodyV2DecodedPayload payload = verifier.verifyAndDecodeNotification(item.getSignedPayload());
      assertThat(payload.getNotificationType()).isEqualTo(NotificationTypeV2.ONE_TIME_CHARGE);
      assertThat(payload.getData().getEnvironment()).isEqualTo(Environment.PRODUCTION);
      JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(payload.getData().getSignedTransactionInfo());
      assertThat(t.getTransactionId()).isEqualTo("2000000000001001");
      assertThat(t.getSignedDate()).isEqualTo(payload.getSignedDate());

      List<NotificationHistoryResponseItem> all = client.getNotificationHistory(null, new NotificationHistoryRequest()
          .startDate(first).endDate(now().toEpochMilli() + 1000)).getNotificationHistory();
      assertThat(all).hasSize(2);
    } finally {
      server.admin("PATCH", "/_braeburn/storekit/apps/" + TIDELINE_ID, "{\"environment\":\"Sandbox\"}", null);
    }
  }

  @Test
  void aFailingReceiverInSandboxGetsOneAttempt() throws Exception {
    sandboxUrl(LEDGERLY_ID, receiver.url());
    receiver.status.set(503);
    JsonNode emitted = emit("{\"bundleId\":\"" + LEDGERLY + "\",\"notificationType\":\"ONE_TIME_CHARGE\"}");
    runDue();
    receiver.next();
    advance(400 * 3600);
    assertThat(receiver.nothingMore()).isTrue();
    assertThat(notification(emitted).path("sendAttempts")).hasSize(1);
    assertThat(notification(emitted).at("/sendAttempts/0/sendAttemptResult").asText()).isEqualTo("UNSUCCESSFUL_HTTP_RESPONSE_CODE");
  }

  @Test
  void aConsumptionRequestOpensATwelveHourWindow() throws Exception {
    sandboxUrl(LEDGERLY_ID, receiver.url());
    JsonNode emitted = emit("{\"bundleId\":\"" + LEDGERLY + "\",\"notificationType\":\"CONSUMPTION_REQUEST\",\"transaction\":"
        + transaction("2000000000002001", "Sandbox") + ",\"extra\":{\"consumptionRequestReason\":\"UNINTENDED_PURCHASE\"}}");
    assertThat(emitted.path("consumptionRequestDeadline").asLong()).isEqualTo(now().toEpochMilli() + 12 * 3_600_000L);
    runDue();
    ResponseBodyV2DecodedPayload payload = verifier(LEDGERLY, 1600000002L, Environment.SANDBOX)
        .verifyAndDecodeNotification(receiver.next().json().path("signedPayload").asText());
    assertThat(payload.getNotificationType()).isEqualTo(NotificationTypeV2.CONSUMPTION_REQUEST);
    assertThat(payload.getData().getConsumptionRequestReason()).isEqualTo(ConsumptionRequestReason.UNINTENDED_PURCHASE);
  }

  @Test
  void historyPagesTwentyAtATimeFiltersAndRefusesEachBadRequest() throws Exception {
    sandboxUrl(LEDGERLY_ID, receiver.url());
    advance(3600); // after the other tests' notifications
    long start = now().toEpochMilli();
    for (int i = 0; i < 22; i++) {
      emit("{\"bundleId\":\"" + LEDGERLY + "\",\"notificationType\":\"DID_RENEW\",\"transaction\":"
          + transaction("20000000000030" + (10 + i), "Sandbox", "2000000000003010") + ",\"status\":1}");
      advance(1);
    }
    emit("{\"bundleId\":\"" + LEDGERLY + "\",\"notificationType\":\"DID_RENEW\",\"subtype\":\"BILLING_RECOVERY\",\"transaction\":"
        + transaction("2000000000004001", "Sandbox") + ",\"status\":1}");
    runDue();
    long end = now().toEpochMilli() + 1;
    BraeburnClient client = new BraeburnClient(LEDGERLY, Environment.SANDBOX);
    NotificationHistoryRequest all = new NotificationHistoryRequest().startDate(start).endDate(end);
    NotificationHistoryResponse page1 = client.getNotificationHistory(null, all);
    assertThat(page1.getNotificationHistory()).hasSize(20);
    assertThat(page1.getHasMore()).isTrue();
    NotificationHistoryResponse page2 = client.getNotificationHistory(page1.getPaginationToken(), all);
    assertThat(page2.getNotificationHistory()).hasSize(3);
    assertThat(page2.getHasMore()).isFalse();
    assertThat(page2.getPaginationToken()).isNull();

    assertThat(client.getNotificationHistory(null, new NotificationHistoryRequest().startDate(start).endDate(end)
        .notificationType(NotificationTypeV2.DID_RENEW).notificationSubtype(Subtype.BILLING_RECOVERY)).getNotificationHistory()).hasSize(1);
    NotificationHistoryResponse family = client.getNotificationHistory(null, new NotificationHistoryRequest().startDate(start).endDate(end)
        .transactionId("2000000000003015"));
    assertThat(family.getHasMore()).as("its originalTransactionId's 22 notifications").isTrue();
    assertThat(family.getNotificationHistory().size()).isEqualTo(20);
    assertThat(client.getNotificationHistory(null, new NotificationHistoryRequest().startDate(start).endDate(end)
        .onlyFailures(true)).getNotificationHistory()).isEmpty();

    long now = now().toEpochMilli();
    assertThat(history("{\"endDate\":" + end + "}")).isEqualTo(4000015L);
    assertThat(history("{\"startDate\":" + start + ",\"endDate\":\"soon\"}")).isEqualTo(4000016L);
    assertThat(history("{\"startDate\":" + end + ",\"endDate\":" + start + "}")).isEqualTo(4000013L);
    assertThat(history("{\"startDate\":" + (now - 31L * 86_400_000) + ",\"endDate\":" + end + "}")).as("sandbox keeps 30 days").isEqualTo(4000012L);
    assertThat(history("{\"startDate\":" + start + ",\"endDate\":" + end + ",\"notificationType\":\"NOPE\"}")).isEqualTo(4000018L);
    assertThat(history("{\"startDate\":" + start + ",\"endDate\":" + end + ",\"notificationSubtype\":\"BILLING_RECOVERY\"}")).isEqualTo(4000018L);
    assertThat(history("{\"startDate\":" + start + ",\"endDate\":" + end + ",\"notificationType\":\"DID_RENEW\",\"transactionId\":\"2000000000003015\"}"))
        .isEqualTo(4000019L);
    assertThat(apiError(() -> client.getNotificationHistory("bm9wZQ", all))).isEqualTo(4000014L);
    assertThat(apiError(() -> client.getNotificationHistory(page1.getPaginationToken(), new NotificationHistoryRequest().startDate(start)
        .endDate(end).onlyFailures(true)))).as("a token belongs to its filters").isEqualTo(4000014L);
    advance(25 * 3600);
    assertThat(apiError(() -> client.getNotificationHistory(page1.getPaginationToken(), all))).isEqualTo(4000017L);
  }

  @Test
  void thePurchaseSimulatorAnnouncesThroughTheNotifications() throws Exception {
    sandboxUrl(LEDGERLY_ID, receiver.url());
    TestServer.Reply bought = server.admin("POST", "/_braeburn/storekit/purchases",
        "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"com.tidewaterlabs.ledgerly.plus.yearly\",\"customer\":\"notified\"}", null);
    assertThat(bought.status()).as(bought.body()).isEqualTo(201);
    String transactionId = bought.json().path("transactionId").asText();
    runDue();
    SignedDataVerifier verifier = verifier(LEDGERLY, 1600000002L, Environment.SANDBOX);
    ResponseBodyV2DecodedPayload payload = verifier.verifyAndDecodeNotification(receiver.next().json().path("signedPayload").asText());
    assertThat(payload.getNotificationType()).isIn(NotificationTypeV2.SUBSCRIBED, NotificationTypeV2.OFFER_REDEEMED);
    assertThat(payload.getData().getStatus()).isEqualTo(com.apple.itunes.storekit.model.Status.ACTIVE);
    assertThat(payload.getData().getBundleVersion()).as("the build of Ledgerly's live version 2.8.0 (demo seed)").isEqualTo("1294");
    assertThat(verifier.verifyAndDecodeTransaction(payload.getData().getSignedTransactionInfo()).getTransactionId()).isEqualTo(transactionId);
    assertThat(verifier.verifyAndDecodeRenewalInfo(payload.getData().getSignedRenewalInfo()).getOriginalTransactionId())
        .isEqualTo(bought.json().path("originalTransactionId").asText());

    // a consumption request for that purchase opens the window on its transaction and shows in its history
    JsonNode request = emit("{\"bundleId\":\"" + LEDGERLY + "\",\"notificationType\":\"CONSUMPTION_REQUEST\",\"transaction\":"
        + transaction(transactionId, "Sandbox", bought.json().path("originalTransactionId").asText()) + "}");
    assertThat(request.path("consumptionRequestDeadline").asLong()).isEqualTo(now().toEpochMilli() + 12 * 3_600_000L);
    List<NotificationHistoryResponseItem> history = new BraeburnClient(LEDGERLY, Environment.SANDBOX).getNotificationHistory(null,
        new NotificationHistoryRequest().startDate(now().toEpochMilli() - 1000).endDate(now().toEpochMilli() + 1000)
            .transactionId(transactionId)).getNotificationHistory();
    assertThat(history).hasSize(2);
  }

  // --- helpers

  static long history(String body) {
    TestServer.Reply r = server.send("POST", "/inApps/v1/notifications/history", body, ServerApiAdmissionAcceptanceTest.token(key, LEDGERLY),
        "application/json");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("X-Braeburn-Diagnosis")).isNotBlank();
    return r.json().path("errorCode").asLong();
  }

  static String transaction(String id, String environment) {
    return transaction(id, environment, id);
  }

  static String transaction(String id, String environment, String original) {
    return "{\"transactionId\":\"" + id + "\",\"originalTransactionId\":\"" + original + "\",\"bundleId\":\"BUNDLE\",\"productId\":\"p\","
        + "\"purchaseDate\":1,\"type\":\"Consumable\",\"environment\":\"" + environment + "\"}";
  }

  static JsonNode emit(String body) {
    String withBundle = body;
    if (body.contains("\"BUNDLE\"")) {
      String bundle = body.contains(TIDELINE + "\"") ? TIDELINE : LEDGERLY;
      withBundle = body.replace("\"BUNDLE\"", "\"" + bundle + "\"");
    }
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/notifications", withBundle, null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static JsonNode notification(JsonNode emitted) {
    return server.admin("GET", "/_braeburn/storekit/notifications/" + emitted.path("notificationUUID").asText(), null, null).json();
  }

  static void sandboxUrl(String appId, String url) {
    patchApp(appId, "{\"subscriptionStatusUrlForSandbox\":\"" + url + "\",\"subscriptionStatusUrlVersionForSandbox\":\"V2\"}");
  }

  static void production(String appId, String url) {
    patchApp(appId, "{\"subscriptionStatusUrl\":\"" + url + "\",\"subscriptionStatusUrlVersion\":\"V2\"}");
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/" + appId, "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
  }

  static void patchApp(String appId, String attributes) {
    TestServer.Reply r = server.send("PATCH", "/v1/apps/" + appId,
        "{\"data\":{\"type\":\"apps\",\"id\":\"" + appId + "\",\"attributes\":" + attributes + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static SignedDataVerifier verifier(String bundleId, long appAppleId, Environment environment) {
    String pem = server.send("GET", "/_braeburn/ca/roots.pem", null, null).body();
    byte[] root = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----", pem.indexOf("-----END CERTIFICATE-----")))
        .getBytes(StandardCharsets.US_ASCII);
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(root)), bundleId, appAppleId, environment, false);
  }

  static Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  static void runDue() {
    advance(0);
  }

  static void advance(long seconds) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null).status()).isEqualTo(200);
  }

  static long apiError(ServerApiCalls.Call call) {
    return ServerApiCalls.apiError(call);
  }
}
