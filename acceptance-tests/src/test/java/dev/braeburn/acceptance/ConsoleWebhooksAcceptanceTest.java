package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's webhooks page over HTTP (docs/console.md): a webhook to a receiver on loopback gets
 * a delivery, the page lists it with its state, the receiver's answer and the payload POSTed; its
 * Redeliver button makes a second POST arrive and a new delivery appear. Also the admin routes
 * behind it: {@code GET /_braeburn/webhooks/deliveries}, {@code POST …/deliveries/{id}/redeliver}.
 */
class ConsoleWebhooksAcceptanceTest {
  static final String APP = "1600000001"; // demo seed
  static final String SECRET = "console-secret";

  private TestServer server;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    receiver = new WebhookReceiver();
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    server.close();
  }

  /** A webhook of APP for BUILD_UPLOAD_STATE_UPDATED, and one event delivered to it; answers the webhook's id. */
  static String webhookWithOneDelivery(TestServer server, WebhookReceiver receiver) {
    TestServer.Reply created = server.send("POST", "/v1/webhooks", WebhookReceiver.createBody(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    TestServer.Reply event = server.admin("POST", "/_braeburn/webhooks/events",
        "{\"appId\":\"" + APP + "\",\"eventType\":\"BUILD_UPLOAD_STATE_UPDATED\",\"attributes\":{\"oldState\":\"PROCESSING\",\"newState\":\"COMPLETE\"}}",
        server.issuerId);
    assertThat(event.status()).as(event.body()).isEqualTo(201);
    runDue(server);
    return created.json().at("/data/id").asText();
  }

  /** Runs the deliveries due now before it returns. */
  static void runDue(TestServer server) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":0}", null).status()).isEqualTo(200);
  }

  @Test
  void theAdminApiListsDeliveriesNewestFirstAndRedeliversWithApplesCode() {
    String webhookId = webhookWithOneDelivery(server, receiver);
    WebhookReceiver.Received first = receiver.next();
    assertThat(first.signatureValidFor(SECRET)).isTrue();

    JsonNode log = server.admin("GET", "/_braeburn/webhooks/deliveries?appId=" + APP, null, server.issuerId).json().path("data");
    assertThat(log).hasSize(1);
    JsonNode webhook = log.get(0);
    assertThat(webhook.path("id").asText()).isEqualTo(webhookId);
    assertThat(webhook.path("appId").asText()).isEqualTo(APP);
    assertThat(webhook.path("url").asText()).isEqualTo(receiver.url());
    assertThat(webhook.toString()).doesNotContain(SECRET);
    JsonNode delivery = webhook.path("deliveries").get(0);
    assertThat(delivery.path("deliveryState").asText()).isEqualTo("SUCCEEDED");
    assertThat(delivery.path("eventType").asText()).isEqualTo("BUILD_UPLOAD_STATE_UPDATED");
    assertThat(delivery.at("/response/httpStatusCode").asInt()).isEqualTo(200);
    assertThat(delivery.path("payload").asText()).isEqualTo(first.body()); // the very bytes signed and POSTed

    TestServer.Reply again = server.admin("POST", "/_braeburn/webhooks/deliveries/" + delivery.path("id").asText() + "/redeliver", null, server.issuerId);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    runDue(server);
    assertThat(receiver.next().body()).isEqualTo(first.body());
    JsonNode deliveries = server.admin("GET", "/_braeburn/webhooks/deliveries", null, server.issuerId).json().at("/data/0/deliveries");
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(0).path("id").asText()).isEqualTo(again.json().at("/data/id").asText());
    assertThat(deliveries.get(0).path("redelivery").asBoolean()).isTrue();
    assertThat(deliveries.get(0).path("deliveryState").asText()).isEqualTo("SUCCEEDED");
    // the public API sees the admin redelivery as its own: template → the first delivery
    assertThat(server.get("/v1/webhooks/" + webhookId + "/deliveries").json().path("data")).hasSize(2);

    assertThat(server.admin("POST", "/_braeburn/webhooks/deliveries/no-such/redeliver", null, server.issuerId).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/webhooks/nothing", null, server.issuerId).status()).isEqualTo(404);
  }

  @Test
  void theWebhooksPageShowsTheDeliveryAndItsRedeliverButtonSendsItAgain() throws Exception {
    webhookWithOneDelivery(server, receiver);
    String payload = receiver.next().body();
    ConsoleHttp console = ConsoleHttp.signIn(server);

    String page = console.page("webhooks?team=" + ConsoleHttp.encode(server.issuerId));
    assertThat(page).contains("Receiver", receiver.url(), "BUILD_UPLOAD_STATE_UPDATED", "SUCCEEDED", "<td>200</td>", "<td>ok</td>");
    assertThat(page).contains(escape(payload)).doesNotContain(SECRET);
    assertThat(count(page, "<tr class=\"delivery\"")).isEqualTo(1);
    String deliveryId = server.admin("GET", "/_braeburn/webhooks/deliveries", null, server.issuerId).json().at("/data/0/deliveries/0/id").asText();

    HttpResponse<String> back = console.submit("webhooks/redeliver", "team=" + ConsoleHttp.encode(server.issuerId) + "&delivery=" + deliveryId);
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.uri().getPath()).isEqualTo("/_braeburn/console/webhooks");
    runDue(server);
    assertThat(receiver.next().body()).isEqualTo(payload);
    String after = console.page("webhooks");
    assertThat(count(after, "<tr class=\"delivery\"")).isEqualTo(2);
    assertThat(after).contains("(redelivery)");

    assertThat(console.submit("webhooks/redeliver", "team=" + ConsoleHttp.encode(server.issuerId) + "&delivery=no-such").statusCode()).isEqualTo(404);
  }

  @Test
  void aWebhooksNameIsEscaped() throws Exception {
    String id = webhookWithOneDelivery(server, receiver);
    String name = "<img src=x onerror=alert(1)>";
    TestServer.Reply renamed = server.send("PATCH", "/v1/webhooks/" + id,
        "{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"" + name + "\"}}}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    String page = ConsoleHttp.signIn(server).page("webhooks");
    assertThat(page).contains(escape(name)).doesNotContain(name);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
