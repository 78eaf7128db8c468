package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.ApiKeyFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The App Store Server API's state ({@code _skTransactions}, {@code _skSubscriptions},
 * {@code _skNotifications}) and its scheduled renewals outlive the server process (a restart on the
 * same data directory or database) and travel in a team snapshot: after either, the transaction,
 * its history, the subscription statuses and the notification history answer as before (signed
 * payloads equal but for their signedDate), and the next sandbox renewal still comes on the clock.
 */
class StoreKitPersistenceAcceptanceTest {
  private static final String LEDGERLY = PurchasesAcceptanceTest.LEDGERLY;
  private static final long SANDBOX_MONTH = 300; // renewal-rates.json: 1 month = 5 min in sandbox
  private static final Pattern JWS = Pattern.compile("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");

  /** One customer's monthly subscription, renewed once; {@code since} is before its first notification. */
  private record Subscribed(ApiKeyFile key, String original, long since) {}

  @Test
  void aRestartKeepsTheAnswersAndTheRenewalsGoOn() throws Exception {
    TestServer server = TestServer.start("demo");
    try {
      Subscribed s = subscribe(server);
      JsonNode before = observe(server, s);
      server = server.restart();
      assertThat(observe(server, s)).isEqualTo(before);
      renewsAgain(server, s);
    } finally {
      server.close();
    }
  }

  @Test
  void aTeamSnapshotKeepsTheAnswersAndTheRenewalsGoOn() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      Subscribed s = subscribe(server);
      JsonNode before = observe(server, s);
      TestServer.Reply saved = server.admin("GET", "/_braeburn/snapshot", null, server.issuerId);
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);

      TestServer.Reply changed = server.admin("POST", "/_braeburn/storekit/subscriptions/" + s.original() + "/events",
          "{\"type\":\"CANCEL_AUTO_RENEW\"}", null);
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(observe(server, s)).as("the change shows before the load").isNotEqualTo(before);

      TestServer.Reply loaded = server.admin("POST", "/_braeburn/snapshot", saved.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(observe(server, s)).isEqualTo(before);
      renewsAgain(server, s);
    }
  }

  private static Subscribed subscribe(TestServer server) {
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
    JsonNode k = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    ApiKeyFile key = ApiKeyFile.fromPem(k.path("keyId").asText(), k.path("issuerId").asText(), k.path("privateKey").asText());
    long since = now(server) - 1000;
    TestServer.Reply bought = server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\""
        + PurchasesAcceptanceTest.MONTHLY + "\",\"customer\":\"keeper\",\"offer\":\"NONE\"}", null);
    assertThat(bought.status()).as(bought.body()).isEqualTo(201);
    advance(server, SANDBOX_MONTH);
    Subscribed s = new Subscribed(key, bought.json().path("originalTransactionId").asText(), since);
    assertThat(renewals(server, s)).isEqualTo(1);
    return s;
  }

  /** One more sandbox month: the scheduled renewal runs where it was left. */
  private static void renewsAgain(TestServer server, Subscribed s) {
    advance(server, SANDBOX_MONTH);
    assertThat(renewals(server, s)).as("DID_RENEW notifications after another month").isEqualTo(2);
    assertThat(call(server, s, "GET", "/inApps/v2/history/" + s.original(), null).path("signedTransactions")).hasSize(3);
  }

  private static long renewals(TestServer server, Subscribed s) {
    JsonNode history = notifications(server, s);
    long n = 0;
    for (JsonNode item : history.path("notificationHistory")) {
      n += decode(item.path("signedPayload").asText()).path("notificationType").asText().equals("DID_RENEW") ? 1 : 0;
    }
    return n;
  }

  /** What a developer's server sees: transaction info, history, statuses and notification history, signedDate left out. */
  private static JsonNode observe(TestServer server, Subscribed s) {
    ObjectNode out = TestServer.JSON.createObjectNode();
    out.set("transaction", call(server, s, "GET", "/inApps/v1/transactions/" + s.original(), null));
    out.set("history", call(server, s, "GET", "/inApps/v2/history/" + s.original(), null));
    out.set("statuses", call(server, s, "GET", "/inApps/v1/subscriptions/" + s.original(), null));
    out.set("notifications", notifications(server, s));
    return withoutSignedDates(out);
  }

  private static JsonNode notifications(TestServer server, Subscribed s) {
    return call(server, s, "POST", "/inApps/v1/notifications/history",
        "{\"startDate\":" + s.since() + ",\"endDate\":" + (now(server) + 1000) + "}");
  }

  private static JsonNode call(TestServer server, Subscribed s, String method, String path, String body) {
    TestServer.Reply r = server.send(method, path, body, ServerApiAdmissionAcceptanceTest.token(s.key(), LEDGERLY), "application/json");
    assertThat(r.status()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  /** Every signed payload decoded (nested ones too) and its signedDate, the time of asking, removed. */
  private static JsonNode withoutSignedDates(JsonNode node) {
    if (node.isTextual() && JWS.matcher(node.asText()).matches()) {
      return withoutSignedDates(decode(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode out = TestServer.JSON.createObjectNode();
      node.properties().forEach(e -> {
        if (!e.getKey().equals("signedDate")) {
          out.set(e.getKey(), withoutSignedDates(e.getValue()));
        }
      });
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = TestServer.JSON.createArrayNode();
      node.forEach(item -> out.add(withoutSignedDates(item)));
      return out;
    }
    return node;
  }

  private static JsonNode decode(String jws) {
    return PriceIncreasePurchasesAcceptanceTest.readJson(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static long now(TestServer server) {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText()).toEpochMilli();
  }

  private static void advance(TestServer server, long seconds) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null).status()).isEqualTo(200);
  }
}
