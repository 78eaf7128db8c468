package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over real HTTP with a real receiver on 127.0.0.1: Apple's validation and error bodies,
 * the secret never returned, signed deliveries of pings and (admin-injected) events in Apple's
 * payload shape, failed attempts retried on the virtual clock — also across a restart —, the
 * delivery log and its filters, redelivery. Time only moves by the admin clock; due work is run
 * synchronously with {@code POST /_braeburn/clock/advance {"seconds":0}}.
 */
class WebhooksAcceptanceTest {
  static final String APP = "1600000001"; // demo seed
  static final String OTHER_APP = "1600000002";
  static final String SECRET = "s3cret-for-tests";

  TestServer server;
  WebhookReceiver receiver;
  Instant frozenAt;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    receiver = new WebhookReceiver();
    TestServer.Reply frozen = server.admin("POST", "/_braeburn/clock/freeze", null, null);
    frozenAt = Instant.parse(frozen.json().path("now").asText());
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  // ---------------------------------------------------------------- CRUD and Apple's rules

  @Test
  void createRejectsWhatAppleRejects() {
    TestServer.Reply unknownType = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), SECRET, "BUILD_UPLOADED"));
    JsonNode e = error(unknownType, 409);
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.TYPE");
    assertThat(e.path("detail").asText()).startsWith("'BUILD_UPLOADED' is not a valid value for the attribute 'eventTypes/0'. Expected one of: ")
        .contains("'BUILD_UPLOAD_STATE_UPDATED'", "'APP_STORE_VERSION_APP_VERSION_STATE_UPDATED'");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/attributes/eventTypes/0");

    JsonNode emptySecret = error(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), "", "BUILD_UPLOAD_STATE_UPDATED")), 409);
    assertThat(emptySecret.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(emptySecret.at("/source/pointer").asText()).isEqualTo("/data/attributes/secret");

    JsonNode plainHttp = error(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, "http://hooks.example.com/asc", SECRET, "BUILD_UPLOAD_STATE_UPDATED")), 409);
    assertThat(plainHttp.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(plainHttp.at("/source/pointer").asText()).isEqualTo("/data/attributes/url");
    assertThat(plainHttp.path("detail").asText()).contains("https");

    JsonNode noEvents = error(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), SECRET)), 409);
    assertThat(noEvents.at("/source/pointer").asText()).isEqualTo("/data/attributes/eventTypes");

    String missingSecret = "{\"data\":{\"type\":\"webhooks\",\"attributes\":{\"name\":\"n\",\"enabled\":true,\"url\":\"https://a.example/h\","
        + "\"eventTypes\":[\"BUILD_UPLOAD_STATE_UPDATED\"]},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}";
    assertThat(error(server.send("POST", "/v1/webhooks", missingSecret), 409).path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.REQUIRED");

    assertThat(server.get("/v1/apps/" + APP + "/webhooks").json().path("data").size()).isZero(); // nothing was created
  }

  @Test
  void anAppHasAtMostTenWebhooks() {
    for (int i = 0; i < 10; i++) {
      createWebhook(APP, "https://hooks.example.com/" + i, SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    }
    JsonNode e = error(server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, "https://hooks.example.com/11", SECRET, "BUILD_UPLOAD_STATE_UPDATED")), 409);
    assertThat(e.path("code").asText()).startsWith("ENTITY_ERROR");
    assertThat(e.path("detail").asText()).contains("10 webhooks");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/relationships/app");
    assertThat(server.get("/v1/apps/" + APP + "/webhooks?limit=200").json().path("meta").path("paging").path("total").asInt()).isEqualTo(10);
    createWebhook(OTHER_APP, "https://hooks.example.com/other", SECRET, "BUILD_UPLOAD_STATE_UPDATED"); // per app
  }

  @Test
  void theSecretIsStoredButNeverReturned() {
    TestServer.Reply created = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/data/id").asText();
    assertThat(created.header("location")).endsWith("/v1/webhooks/" + id);
    assertThat(created.json().at("/data/attributes/url").asText()).isEqualTo(receiver.url());

    List<TestServer.Reply> replies = new ArrayList<>(List.of(created,
        server.get("/v1/webhooks/" + id + "?include=app"),
        server.get("/v1/apps/" + APP + "/webhooks?include=app"),
        server.send("PATCH", "/v1/webhooks/" + id, "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\",\"attributes\":{\"secret\":\"rotated-secret\",\"name\":\"Renamed\"}}}")));
    for (TestServer.Reply r : replies) {
      assertThat(r.status()).as(r.body()).isBetween(200, 201);
      assertThat(r.body()).doesNotContain(SECRET).doesNotContain("rotated-secret").doesNotContain("\"secret\"");
    }
    JsonNode patched = replies.getLast().json().path("data").path("attributes");
    assertThat(patched.path("name").asText()).isEqualTo("Renamed");
    assertThat(patched.path("url").asText()).isEqualTo(receiver.url()); // partial update
    assertThat(patched.path("enabled").asBoolean()).isTrue();
    assertThat(server.get("/v1/webhooks/" + id + "?fields[webhooks]=secret").status()).isEqualTo(400);

    // the rotated secret signs from now on
    ping(id);
    assertThat(receiver.next().signatureValidFor("rotated-secret")).isTrue();
  }

  @Test
  void updatesFollowTheRulesAndTheAppCannotChange() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    JsonNode badUrl = error(server.send("PATCH", "/v1/webhooks/" + id,
        "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\",\"attributes\":{\"url\":\"http://example.com/x\"}}}"), 409);
    assertThat(badUrl.at("/source/pointer").asText()).isEqualTo("/data/attributes/url");
    TestServer.Reply moveApp = server.send("PATCH", "/v1/webhooks/" + id, "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id
        + "\",\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + OTHER_APP + "\"}}}}}");
    assertThat(moveApp.status()).as(moveApp.body()).isIn(409, 422);
    TestServer.Reply nulls = server.send("PATCH", "/v1/webhooks/" + id,
        "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\",\"attributes\":{\"url\":null,\"enabled\":false}}}");
    assertThat(nulls.status()).as(nulls.body()).isEqualTo(200);
    assertThat(nulls.json().at("/data/attributes/url").asText()).isEqualTo(receiver.url());
    assertThat(nulls.json().at("/data/attributes/enabled").asBoolean()).isFalse();

    assertThat(server.send("DELETE", "/v1/webhooks/" + id, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/webhooks/" + id).status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- deliveries

  @Test
  void aPingIsDeliveredSignedWithTheSecret() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    TestServer.Reply ping = server.send("POST", "/v1/webhookPings",
        "{\"data\":{\"type\":\"webhookPings\",\"relationships\":{\"webhook\":{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\"}}}}}");
    assertThat(ping.status()).as(ping.body()).isEqualTo(201);
    assertThat(ping.json().at("/data/type").asText()).isEqualTo("webhookPings");
    assertThat(ping.json().at("/data/id").asText()).isNotEmpty();
    runDue();

    WebhookReceiver.Received got = receiver.next();
    assertThat(got.header("content-type")).isEqualTo("application/json");
    assertThat(got.header("x-apple-signature")).startsWith("hmacsha256=");
    assertThat(got.signatureValidFor(SECRET)).isTrue();
    assertThat(got.signatureValidFor("another secret")).isFalse();
    JsonNode body = got.json();
    assertThat(body.at("/data/type").asText()).isEqualTo("webhookPingCreated");
    assertThat(body.at("/data/attributes/timestamp").asText()).isEqualTo(frozenAt.toString());

    JsonNode log = server.get("/v1/webhooks/" + id + "/deliveries?include=event").json();
    assertThat(log.path("data").size()).isEqualTo(1);
    JsonNode delivery = log.path("data").get(0).path("attributes");
    assertThat(delivery.path("deliveryState").asText()).isEqualTo("SUCCEEDED");
    assertThat(delivery.path("redelivery").asBoolean()).isFalse();
    assertThat(delivery.path("sentDate").asText()).isNotEmpty();
    assertThat(delivery.at("/request/url").asText()).isEqualTo(receiver.url());
    assertThat(delivery.at("/response/httpStatusCode").asInt()).isEqualTo(200);
    assertThat(delivery.at("/response/body").asText()).isEqualTo("ok");
    JsonNode event = log.path("included").get(0).path("attributes");
    assertThat(event.path("ping").asBoolean()).isTrue();
    assertThat(event.path("payload").asText()).isEqualTo(got.body()); // the exact bytes that were signed
    assertThat(log.toString()).doesNotContain(SECRET);
  }

  @Test
  void anInjectedEventReachesOnlySubscribedEnabledWebhooksInApplesShape() {
    String subscribed = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED", "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
    String otherType = createWebhook(APP, receiver.url() + "other", SECRET, "BETA_FEEDBACK_CRASH_SUBMISSION_CREATED");
    String disabled = createWebhook(APP, receiver.url() + "disabled", SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    server.send("PATCH", "/v1/webhooks/" + disabled, "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + disabled + "\",\"attributes\":{\"enabled\":false}}}");

    TestServer.Reply injected = server.admin("POST", "/_braeburn/webhooks/events", "{\"appId\":\"" + APP + "\",\"eventType\":\"BUILD_UPLOAD_STATE_UPDATED\","
        + "\"attributes\":{\"oldState\":\"PROCESSING\",\"newState\":\"COMPLETE\"},\"instance\":{\"type\":\"buildUploads\",\"id\":\"bu-1\"}}", server.issuerId);
    assertThat(injected.status()).as(injected.body()).isEqualTo(201);
    assertThat(injected.json().at("/data/deliveries").size()).isEqualTo(1);
    runDue();

    WebhookReceiver.Received got = receiver.next();
    assertThat(got.path()).isEqualTo("/hook");
    assertThat(got.signatureValidFor(SECRET)).isTrue();
    JsonNode data = got.json().path("data");
    assertThat(data.path("type").asText()).isEqualTo("buildUploadStateUpdated");
    assertThat(data.path("version").asInt()).isEqualTo(1);
    assertThat(data.path("id").asText()).matches("[0-9a-f-]{36}");
    assertThat(data.at("/attributes/oldState").asText()).isEqualTo("PROCESSING");
    assertThat(data.at("/attributes/newState").asText()).isEqualTo("COMPLETE");
    assertThat(data.at("/attributes/timestamp").asText()).isEqualTo(frozenAt.toString());
    assertThat(data.at("/relationships/instance/data/type").asText()).isEqualTo("buildUploads");
    assertThat(data.at("/relationships/instance/data/id").asText()).isEqualTo("bu-1");
    assertThat(receiver.nothingMore()).isTrue();
    assertThat(server.get("/v1/webhooks/" + otherType + "/deliveries").json().path("data").size()).isZero();
    assertThat(server.get("/v1/webhooks/" + disabled + "/deliveries").json().path("data").size()).isZero();
    JsonNode event = server.get("/v1/webhooks/" + subscribed + "/deliveries?include=event").json().path("included").get(0).path("attributes");
    assertThat(event.path("eventType").asText()).isEqualTo("BUILD_UPLOAD_STATE_UPDATED");
    assertThat(event.path("ping").asBoolean()).isFalse();

    // any of the twelve, with the documented instance type by default; unknown types and apps are refused
    TestServer.Reply crash = server.admin("POST", "/_braeburn/webhooks/events",
        "{\"appId\":\"" + APP + "\",\"eventType\":\"BETA_FEEDBACK_CRASH_SUBMISSION_CREATED\"}", null);
    assertThat(crash.json().at("/data/deliveries").size()).isEqualTo(1);
    runDue();
    WebhookReceiver.Received crashGot = receiver.next();
    assertThat(crashGot.path()).isEqualTo("/hookother");
    assertThat(crashGot.json().at("/data/relationships/instance/data/type").asText()).isEqualTo("betaFeedbackCrashSubmissions");
    TestServer.Reply unknown = server.admin("POST", "/_braeburn/webhooks/events", "{\"appId\":\"" + APP + "\",\"eventType\":\"NOPE\"}", null);
    assertThat(unknown.status()).isEqualTo(409);
    assertThat(unknown.body()).contains("BUILD_UPLOAD_STATE_UPDATED");
    assertThat(server.admin("POST", "/_braeburn/webhooks/events", "{\"appId\":\"999\",\"eventType\":\"BUILD_UPLOAD_STATE_UPDATED\"}", null).status())
        .isEqualTo(404);
  }

  @Test
  void aReceiverThatHangsDelaysNoOtherWebhook() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (WebhookReceiver hanging = new WebhookReceiver()) {
      hanging.holdAnswers = release;
      String stuck = createWebhook(APP, hanging.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED", "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
      String other = createWebhook(APP, receiver.url(), SECRET, "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
      // the hanging receiver holds a delivery first (only it subscribes to this type) ...
      inject("BUILD_UPLOAD_STATE_UPDATED");
      assertThat(hanging.next().json().at("/data/type").asText()).isEqualTo("buildUploadStateUpdated");
      // ... and while it hangs, another webhook's delivery goes out and is recorded at its due time
      inject("APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
      assertThat(receiver.next().json().at("/data/type").asText()).isEqualTo("appStoreVersionAppVersionStateUpdated");
      JsonNode delivered = recordedDelivery(other);
      assertThat(delivered.at("/attributes/deliveryState").asText()).isEqualTo("SUCCEEDED");
      assertThat(delivered.at("/attributes/sentDate").asText()).isEqualTo(frozenAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
      assertThat(delivered.at("/attributes/response/httpStatusCode").asInt()).isEqualTo(200);
      assertThat(states(server.get("/v1/webhooks/" + stuck + "/deliveries").json().path("data"))).contains("PENDING"); // still in flight

      release.countDown();
      runDue(); // waits for the deliveries in flight
      assertThat(states(server.get("/v1/webhooks/" + stuck + "/deliveries").json().path("data"))).containsOnly("SUCCEEDED").hasSize(2);
      assertThat(hanging.count()).isEqualTo(2); // each sent once
      assertThat(receiver.count()).isEqualTo(1);
    }
  }

  @Test
  void oneWebhookGetsItsDeliveriesOneAtATimeInTheOrderTheyHappened() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (WebhookReceiver held = new WebhookReceiver()) {
      held.holdAnswers = release;
      createWebhook(APP, held.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED", "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
      List<String> happened = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        boolean build = i % 2 == 0;
        inject(build ? "BUILD_UPLOAD_STATE_UPDATED" : "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED");
        happened.add(build ? "buildUploadStateUpdated" : "appStoreVersionAppVersionStateUpdated");
      }
      List<String> arrived = new java.util.ArrayList<>();
      arrived.add(held.next().json().at("/data/type").asText());
      assertThat(held.count()).as("the webhook's next delivery waits for the one its receiver holds").isEqualTo(1);
      release.countDown();
      runDue();
      for (int i = 1; i < 6; i++) {
        arrived.add(held.next().json().at("/data/type").asText());
      }
      assertThat(arrived).isEqualTo(happened);
    }
  }

  private void inject(String eventType) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/webhooks/events", "{\"appId\":\"" + APP + "\",\"eventType\":\"" + eventType + "\"}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /**
   * The one delivery of {@code webhookId} once its outcome is recorded. The record is written just
   * after the receiver answered, so this asks again for up to 10 s (no sleep: each ask is a request).
   */
  private JsonNode recordedDelivery(String webhookId) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    JsonNode delivery;
    do {
      delivery = server.get("/v1/webhooks/" + webhookId + "/deliveries").json().path("data").get(0);
    } while ("PENDING".equals(delivery.at("/attributes/deliveryState").asText()) && System.nanoTime() < deadline);
    return delivery;
  }

  @Test
  void aFailedDeliveryIsRetriedAfterTheBackoffExactlyOnce() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    receiver.status.set(500);
    ping(id);
    assertThat(receiver.next().signatureValidFor(SECRET)).isTrue();

    JsonNode failed = server.get("/v1/webhooks/" + id + "/deliveries?filter[deliveryState]=FAILED").json().path("data");
    assertThat(failed.size()).isEqualTo(1);
    assertThat(failed.get(0).at("/attributes/response/httpStatusCode").asInt()).isEqualTo(500);
    assertThat(failed.get(0).at("/attributes/errorMessage").asText()).contains("500");
    assertThat(server.get("/v1/webhooks/" + id + "/deliveries?filter[deliveryState]=PENDING").json().path("data").size()).isEqualTo(1);
    List<JsonNode> tasks = deliveryTasks();
    assertThat(tasks.size()).isEqualTo(1);
    assertThat(tasks.get(0).path("kind").asText()).isEqualTo("webhook.deliver");
    assertThat(Duration.between(frozenAt.plusSeconds(60), Instant.parse(tasks.get(0).path("dueAt").asText())).abs()).isLessThan(Duration.ofSeconds(1));

    receiver.status.set(200);
    advance(59);
    assertThat(receiver.nothingMore()).isTrue(); // not before the backoff
    advance(1);
    assertThat(receiver.next().signatureValidFor(SECRET)).isTrue();
    advance(86_400);
    assertThat(receiver.nothingMore()).isTrue(); // exactly once more

    JsonNode log = server.get("/v1/webhooks/" + id + "/deliveries").json().path("data");
    assertThat(states(log)).containsExactly("FAILED", "SUCCEEDED");
    assertThat(Duration.between(frozenAt.plusSeconds(60), Instant.parse(log.get(1).at("/attributes/sentDate").asText())).abs())
        .isLessThan(Duration.ofSeconds(1));
    assertThat(deliveryTasks().size()).isZero();
  }

  @Test
  void aDeliveryIsGivenUpAfterAboutADay() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    receiver.status.set(503);
    ping(id);
    advance(2 * 86_400);
    List<String> states = states(server.get("/v1/webhooks/" + id + "/deliveries").json().path("data"));
    assertThat(states).hasSizeGreaterThan(3).allMatch("FAILED"::equals);
    assertThat(receiver.count()).isEqualTo(states.size());
    assertThat(deliveryTasks().size()).isZero();
  }

  @Test
  void anUnreachableReceiverIsAFailedAttemptWithoutResponse() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String id = createWebhook(APP, "http://127.0.0.1:" + closedPort + "/hook", SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    ping(id);
    JsonNode first = server.get("/v1/webhooks/" + id + "/deliveries").json().path("data").get(0).path("attributes");
    assertThat(first.path("deliveryState").asText()).isEqualTo("FAILED");
    assertThat(first.path("errorMessage").asText()).isNotEmpty();
    assertThat(first.path("response").isNull()).isTrue();
  }

  @Test
  void aPendingRetrySurvivesARestart() throws Exception {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    receiver.status.set(500);
    ping(id);
    receiver.next();
    server = server.restart();
    receiver.status.set(200);
    advance(60);
    WebhookReceiver.Received retried = receiver.next();
    assertThat(retried.signatureValidFor(SECRET)).isTrue();
    assertThat(retried.json().at("/data/type").asText()).isEqualTo("webhookPingCreated");
    advance(86_400);
    assertThat(receiver.nothingMore()).isTrue();
    assertThat(states(server.get("/v1/webhooks/" + id + "/deliveries").json().path("data"))).containsExactly("FAILED", "SUCCEEDED");
  }

  @Test
  void aDeliveryCanBeSentAgain() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    ping(id);
    WebhookReceiver.Received first = receiver.next();
    String deliveryId = server.get("/v1/webhooks/" + id + "/deliveries").json().at("/data/0/id").asText();

    TestServer.Reply again = server.send("POST", "/v1/webhookDeliveries", "{\"data\":{\"type\":\"webhookDeliveries\",\"relationships\":"
        + "{\"template\":{\"data\":{\"type\":\"webhookDeliveries\",\"id\":\"" + deliveryId + "\"}}}}}");
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().at("/data/attributes/redelivery").asBoolean()).isTrue();
    assertThat(again.json().at("/data/attributes/deliveryState").asText()).isEqualTo("PENDING");
    runDue();
    WebhookReceiver.Received second = receiver.next();
    assertThat(second.body()).isEqualTo(first.body()); // the same event, byte for byte
    assertThat(second.signatureValidFor(SECRET)).isTrue();
    JsonNode log = server.get("/v1/webhooks/" + id + "/deliveries?include=event").json();
    assertThat(states(log.path("data"))).containsExactly("SUCCEEDED", "SUCCEEDED");
    assertThat(log.at("/data/1/attributes/redelivery").asBoolean()).isTrue();
    assertThat(log.at("/data/0/relationships/event/data/id").asText()).isEqualTo(log.at("/data/1/relationships/event/data/id").asText());

    TestServer.Reply missing = server.send("POST", "/v1/webhookDeliveries", "{\"data\":{\"type\":\"webhookDeliveries\",\"relationships\":"
        + "{\"template\":{\"data\":{\"type\":\"webhookDeliveries\",\"id\":\"nope\"}}}}}");
    assertThat(error(missing, 409).path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
  }

  @Test
  void theDeliveryLogFiltersByStateAndCreationTimeAndPages() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    ping(id); // day 0: SUCCEEDED
    advance(86_400);
    receiver.status.set(500);
    ping(id); // day 1: FAILED, and its retry PENDING
    Instant midway = frozenAt.plusSeconds(43_200);
    String base = "/v1/webhooks/" + id + "/deliveries";
    assertThat(states(server.get(base).json().path("data"))).containsExactly("SUCCEEDED", "FAILED", "PENDING");
    assertThat(states(server.get(base + "?filter[createdDateLessThan]=" + midway).json().path("data"))).containsExactly("SUCCEEDED");
    assertThat(states(server.get(base + "?filter[createdDateGreaterThanOrEqualTo]=" + midway + "&filter[deliveryState]=FAILED,SUCCEEDED")
        .json().path("data"))).containsExactly("FAILED");
    assertThat(server.get(base + "?filter[createdDateGreaterThanOrEqualTo]=yesterday").status()).isEqualTo(400);
    assertThat(server.get(base + "?filter[deliveryState]=LOST").status()).isEqualTo(400);

    JsonNode page1 = server.get(base + "?limit=1").json();
    assertThat(page1.path("data").size()).isEqualTo(1);
    int total = page1.at("/meta/paging/total").asInt();
    List<String> seen = new ArrayList<>();
    seen.add(page1.at("/data/0/id").asText());
    String next = page1.at("/links/next").asText(null);
    while (next != null) {
      JsonNode page = server.get(next).json();
      seen.add(page.at("/data/0/id").asText());
      next = page.at("/links/next").asText(null);
    }
    assertThat(seen).hasSize(total).doesNotHaveDuplicates();
  }

  @Test
  void deletingAWebhookCancelsItsPendingDeliveries() {
    String id = createWebhook(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED");
    receiver.status.set(500);
    ping(id);
    receiver.next();
    assertThat(deliveryTasks().size()).isEqualTo(1);
    assertThat(server.send("DELETE", "/v1/webhooks/" + id, null).status()).isEqualTo(204);
    assertThat(deliveryTasks().size()).isZero();
    advance(86_400);
    assertThat(receiver.nothingMore()).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  private String createWebhook(String app, String url, String secret, String... eventTypes) {
    TestServer.Reply r = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(app, url, secret, eventTypes));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  /** Sends the test notification and runs it. */
  private void ping(String webhookId) {
    TestServer.Reply r = server.send("POST", "/v1/webhookPings",
        "{\"data\":{\"type\":\"webhookPings\",\"relationships\":{\"webhook\":{\"data\":{\"type\":\"webhooks\",\"id\":\"" + webhookId + "\"}}}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    runDue();
  }

  /** Runs the work due now, synchronously (the background scheduler may have taken it already; then this waits for it). */
  private void runDue() {
    advance(0);
  }

  private void advance(long seconds) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static JsonNode error(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    return r.json().path("errors").get(0);
  }

  private static List<String> states(JsonNode deliveries) {
    List<String> out = new ArrayList<>();
    deliveries.forEach(d -> out.add(d.at("/attributes/deliveryState").asText()));
    return out;
  }

  /** Scheduled webhook deliveries (the demo seed's in-flight review has tasks of its own). */
  private List<JsonNode> deliveryTasks() {
    List<JsonNode> out = new ArrayList<>();
    server.admin("GET", "/_braeburn/tasks", null, null).json().path("data").forEach(t -> {
      if (t.path("kind").asText().equals("webhook.deliver")) {
        out.add(t);
      }
    });
    return out;
  }
}
