package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.Jws;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Admission to the App Store Server API (server-api.md §2): In-App Purchase keys, Apple's bare 401,
 * the {@code bid} claim's 400 {@code 4000002}, the unknown route's empty 404, and the diagnosis of each.
 */
class ServerApiAdmissionAcceptanceTest extends SharedDemoServerTest {
  private static final String BUNDLE = "com.tidewaterlabs.ledgerly";

  @Test
  void anInAppPurchaseKeyIsCreatedWithoutARoleAndNamedLikeApplesDownload() {
    TestServer.Reply r = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null);
    assertThat(r.status()).isEqualTo(201);
    JsonNode key = r.json();
    assertThat(key.path("type").asText()).isEqualTo("IN_APP_PURCHASE");
    assertThat(key.path("role").isNull()).isTrue();
    assertThat(key.path("fileName").asText()).isEqualTo("SubscriptionKey_" + key.path("keyId").asText() + ".p8");

    TestServer.Reply withRole = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\",\"role\":\"ADMIN\"}", null);
    assertThat(withRole.status()).isEqualTo(409);
  }

  @Test
  void aTokenWithoutBidIsApplesInvalidAppIdentifier() {
    ApiKeyFile key = inAppPurchaseKey();
    TestServer.Reply r = server.send("GET", "/inApps/v1/transactions/2000000000000001", null, token(key, null));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errorCode").asLong()).isEqualTo(4000002);
    assertThat(r.json().path("errorMessage").asText()).isEqualTo("Invalid request app identifier.");
    assertThat(r.header("X-Braeburn-Diagnosis")).contains("no bid claim");
  }

  @Test
  void anAppStoreConnectKeyIsRefusedWithTheBare401AndTheReasonInTheDiagnosis() {
    ApiKeyFile team = server.keyFile(); // the first-start ADMIN team key
    TestServer.Reply r = server.send("GET", "/inApps/v1/transactions/2000000000000001", null, token(team, BUNDLE));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("Unauthenticated");
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.header("X-Braeburn-Diagnosis")).contains("App Store Connect API team key").contains("In-App Purchase keys");
  }

  @Test
  void anInAppPurchaseKeyIsRefusedByAppStoreConnect() {
    ApiKeyFile key = inAppPurchaseKey();
    TestServer.Reply r = server.send("GET", "/v1/apps", null, key.token().build());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("errors").get(0).path("code").asText()).isEqualTo("NOT_AUTHORIZED");
    assertThat(r.header("X-Braeburn-Diagnosis")).contains("is an In-App Purchase key");
  }

  @Test
  void aBidOfNoAppOfTheTeamAndALongLivedTokenAreUnauthenticated() {
    ApiKeyFile key = inAppPurchaseKey();
    TestServer.Reply stranger = server.send("GET", "/inApps/v1/transactions/2000000000000001", null, token(key, "com.example.other"));
    assertThat(stranger.status()).isEqualTo(401);
    assertThat(stranger.header("X-Braeburn-Diagnosis")).contains("com.example.other is not the bundle ID of an app");

    long now = Instant.now().getEpochSecond();
    Map<String, Object> payload = claims(key, BUNDLE);
    payload.put("iat", now);
    payload.put("exp", now + 3700);
    TestServer.Reply hour = server.send("GET", "/inApps/v1/transactions/2000000000000001", null,
        Jws.sign(header(key), payload, key.privateKey(), Jws.SignatureFormat.RAW_R_S));
    assertThat(hour.status()).isEqualTo(401);
    assertThat(hour.header("X-Braeburn-Diagnosis")).contains("the limit is 3600 s");
  }

  @Test
  void anUnknownRouteIsAnEmpty404() {
    TestServer.Reply r = server.send("GET", "/inApps/v9/nothing", null, token(inAppPurchaseKey(), BUNDLE));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void theJournalFilesEveryRequestWithItsReason() {
    ApiKeyFile key = inAppPurchaseKey();
    server.send("GET", "/inApps/v1/transactions/2000000000000001", null, token(key, null));
    JsonNode entries = server.admin("GET", "/_braeburn/requests?keyId=" + key.keyId(), null, null).json().path("data");
    assertThat(entries.get(0).path("status").asInt()).isEqualTo(400);
    assertThat(entries.get(0).path("errorCode").asText()).isEqualTo("4000002");
  }

  @Test
  void theTeamDefaultEnvironmentAppliesToAppsWithoutTheirOwn() {
    ApiKeyFile key = inAppPurchaseKey();
    String tideline = "com.tidewaterlabs.tideline";
    try {
      TestServer.Reply team = server.admin("PATCH", "/_braeburn/storekit/apps", "{\"environment\":\"Production\"}", null);
      assertThat(team.status()).isEqualTo(200);
      assertThat(team.json().path("source").asText()).isEqualTo("team");
      JsonNode app = server.admin("GET", "/_braeburn/storekit/apps/1600000001", null, null).json();
      assertThat(app.path("environment").asText()).isEqualTo("Production");
      assertThat(app.path("source").asText()).isEqualTo("team");

      JsonNode bought = server.admin("POST", "/_braeburn/storekit/purchases",
          "{\"bundleId\":\"" + tideline + "\",\"productId\":\"" + tideline + ".tip.small\",\"customer\":\"team-default\"}", null).json();
      assertThat(bought.path("environment").asText()).isEqualTo("Production");
      String path = "/inApps/v1/transactions/" + bought.path("transactionId").asText();
      assertThat(server.send("GET", path, null, token(key, tideline)).status()).isEqualTo(200);

      // the app's own setting wins: Sandbox requests do not see a Production transaction
      assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":\"Sandbox\"}", null)
          .json().path("source").asText()).isEqualTo("app");
      TestServer.Reply sandbox = server.send("GET", path, null, token(key, tideline));
      assertThat(sandbox.status()).isEqualTo(404);
      assertThat(sandbox.json().path("errorCode").asLong()).isEqualTo(4040010);
    } finally {
      server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":null}", null);
      server.admin("PATCH", "/_braeburn/storekit/apps", "{\"environment\":null}", null);
    }
    assertThat(server.admin("GET", "/_braeburn/storekit/apps/1600000001", null, null).json().path("source").asText()).isEqualTo("default");
  }

  static ApiKeyFile inAppPurchaseKey() {
    JsonNode k = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    return ApiKeyFile.fromPem(k.path("keyId").asText(), k.path("issuerId").asText(), k.path("privateKey").asText());
  }

  /** A token as Apple's Java library mints it: {aud, exp, iss, bid}, 5 minutes, no iat (server-api.md §2.1). */
  static String token(ApiKeyFile key, String bid) {
    return Jws.sign(header(key), claims(key, bid), key.privateKey(), Jws.SignatureFormat.RAW_R_S);
  }

  private static Map<String, Object> header(ApiKeyFile key) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("kid", key.keyId());
    header.put("typ", "JWT");
    return header;
  }

  private static Map<String, Object> claims(ApiKeyFile key, String bid) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("aud", "appstoreconnect-v1");
    payload.put("exp", Instant.now().getEpochSecond() + 300);
    payload.put("iss", key.issuerId());
    if (bid != null) {
      payload.put("bid", bid);
    }
    return payload;
  }
}
