package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.Jws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sign in with Apple's app transfer (server-api.md §5) between two teams of one server: Sign in with
 * Apple keys, client secrets, access tokens, transfer_sub generation and exchange, the 60-day window
 * on the virtual clock, and each refusal with Apple's OAuth error and Braeburn's diagnosis.
 */
class SignInWithAppleTransferAcceptanceTest extends SharedDemoServerTest {
  private static final String TIDELINE = "com.tidewaterlabs.tideline";
  private static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  private static final String SUB = "\\d{6}\\.[0-9a-f]{32}\\.\\d{4}";

  /** A team's Sign in with Apple key, its Team ID and issuer ID. */
  record Siwa(ApiKeyFile key, String teamId, String issuerId) {}

  @Test
  void aSignInWithAppleKeyIsNamedAuthKeyAndRefusedByTheOtherApis() {
    TestServer.Reply r = server.admin("POST", "/_braeburn/keys", "{\"type\":\"SIGN_IN_WITH_APPLE\"}", null);
    assertThat(r.status()).isEqualTo(201);
    String keyId = r.json().path("keyId").asText();
    assertThat(r.json().path("fileName").asText()).isEqualTo("AuthKey_" + keyId + ".p8");
    assertThat(r.json().path("role").isNull()).isTrue();
    ApiKeyFile key = ApiKeyFile.fromPem(keyId, r.json().path("issuerId").asText(), r.json().path("privateKey").asText());

    TestServer.Reply asc = server.send("GET", "/v1/apps", null, key.token().build());
    assertThat(asc.status()).isEqualTo(401);
    assertThat(asc.header("X-Braeburn-Diagnosis")).contains("is a Sign in with Apple key").contains("App Store Connect takes team and individual");
    TestServer.Reply assa = server.send("GET", "/inApps/v1/transactions/2000000000000001", null,
        ServerApiAdmissionAcceptanceTest.token(key, LEDGERLY));
    assertThat(assa.status()).isEqualTo(401);
    assertThat(assa.header("X-Braeburn-Diagnosis")).contains("is a Sign in with Apple key").contains("In-App Purchase keys");
  }

  @Test
  void anAppMovesItsUsersToAnotherTeam() {
    Siwa from = siwa(null);
    Siwa to = siwa(server.createTeam("Recipient " + System.nanoTime()));
    JsonNode privateUser = user(from, TIDELINE, null);
    assertThat(privateUser.path("sub").asText()).matches(SUB);
    assertThat(privateUser.path("email").asText()).endsWith("@privaterelay.appleid.com");
    JsonNode plainUser = user(from, TIDELINE, "ana@example.com");

    TestServer.Reply token = token(from, TIDELINE);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    assertThat(token.header("Cache-Control")).isEqualTo("no-store");
    assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);
    String fromToken = token.json().path("access_token").asText();

    // the transferring team prepares before the transfer: one stable transfer id per user and target team
    String transferSub = transferSub(from, TIDELINE, fromToken, privateUser.path("sub").asText(), to.teamId());
    assertThat(transferSub).isEqualTo(transferSub(from, TIDELINE, fromToken, privateUser.path("sub").asText(), to.teamId()));
    String plainTransferSub = transferSub(from, TIDELINE, fromToken, plainUser.path("sub").asText(), to.teamId());

    TestServer.Reply early = token(to, TIDELINE);
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(early.header("X-Braeburn-Diagnosis")).contains("is not the bundle ID of an app of team " + to.teamId());

    transfer(from, TIDELINE, to);
    String toToken = token(to, TIDELINE).json().path("access_token").asText();
    TestServer.Reply exchanged = migrate(to, TIDELINE, toToken, Map.of("transfer_sub", transferSub));
    assertThat(exchanged.status()).isEqualTo(200);
    assertThat(exchanged.json().path("sub").asText()).matches(SUB).isNotEqualTo(privateUser.path("sub").asText());
    assertThat(exchanged.json().path("is_private_email").asBoolean()).isTrue();
    assertThat(exchanged.json().path("email").asText()).endsWith("@privaterelay.appleid.com").isNotEqualTo(privateUser.path("email").asText());
    assertThat(migrate(to, TIDELINE, toToken, Map.of("transfer_sub", transferSub)).json().path("sub").asText())
        .isEqualTo(exchanged.json().path("sub").asText());
    JsonNode plain = migrate(to, TIDELINE, toToken, Map.of("transfer_sub", plainTransferSub)).json();
    assertThat(plain.path("email").asText()).isEqualTo("ana@example.com");
    assertThat(plain.path("is_private_email").asBoolean()).isFalse();
  }

  @Test
  void theSixtyDayTransferPeriodAndTheAccessTokenRunOnTheVirtualClock() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    Siwa from = siwa(null);
    Siwa to = siwa(server.createTeam("Window " + System.nanoTime()));
    String sub = user(from, LEDGERLY, null).path("sub").asText();
    transfer(from, LEDGERLY, to);
    String transferSub = transferSub(from, LEDGERLY, token(from, LEDGERLY).json().path("access_token").asText(), sub, to.teamId());

    String toToken = token(to, LEDGERLY).json().path("access_token").asText();
    advance(3601);
    TestServer.Reply stale = migrate(to, LEDGERLY, toToken, Map.of("transfer_sub", transferSub));
    assertThat(stale.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(stale.header("X-Braeburn-Diagnosis")).contains("access token expired");

    advance(60L * 86400 - 3601 - 60);
    assertThat(migrate(to, LEDGERLY, token(to, LEDGERLY).json().path("access_token").asText(), Map.of("transfer_sub", transferSub))
        .status()).isEqualTo(200);
    advance(120);
    TestServer.Reply late = migrate(to, LEDGERLY, token(to, LEDGERLY).json().path("access_token").asText(), Map.of("transfer_sub", transferSub));
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().path("error").asText()).isEqualTo("invalid_grant");
    assertThat(late.header("X-Braeburn-Diagnosis")).contains("60-day transfer period").contains("access_denied");
    TestServer.Reply generate = migrate(from, LEDGERLY, token(from, LEDGERLY).json().path("access_token").asText(),
        Map.of("sub", sub, "target", to.teamId()));
    assertThat(generate.json().path("error").asText()).isEqualTo("invalid_grant");
    assertThat(generate.header("X-Braeburn-Diagnosis")).contains("can no longer be generated");
  }

  @Test
  void eachTokenRefusalIsApplesErrorWithItsDiagnosis() {
    Siwa team = siwa(null);
    String secret = secret(team, TIDELINE, claims(team, TIDELINE));
    refused(form("grant_type", "client_credentials", "client_id", TIDELINE, "client_secret", secret), null, "invalid_request", "no scope");
    refused(form("grant_type", "", "scope", "user.migration", "client_id", TIDELINE, "client_secret", secret), null, "invalid_request", "no grant_type");
    refused(tokenForm(TIDELINE, secret).replace("client_credentials", "authorization_code"), null, "unsupported_grant_type", "authorization_code");
    refused(tokenForm(TIDELINE, secret).replace("user.migration", "openid"), null, "invalid_scope", "scope is openid");
    refused(tokenForm(LEDGERLY, secret), null, "invalid_client", "sub must be the client_id");
    refused(tokenForm("com.example.stranger", secret(team, "com.example.stranger", claims(team, "com.example.stranger"))), null,
        "invalid_client", "com.example.stranger is not the bundle ID");

    Map<String, Object> wrongIss = claims(team, TIDELINE);
    wrongIss.put("iss", team.issuerId());
    refused(tokenForm(TIDELINE, secret(team, TIDELINE, wrongIss)), null, "invalid_client", "App Store Connect issuer ID");
    Map<String, Object> wrongAud = claims(team, TIDELINE);
    wrongAud.put("aud", "appstoreconnect-v1");
    refused(tokenForm(TIDELINE, secret(team, TIDELINE, wrongAud)), null, "invalid_client", "must be \"https://appleid.apple.com\"");
    Map<String, Object> tooLong = claims(team, TIDELINE);
    tooLong.put("exp", ((Long) tooLong.get("iat")) + 15_777_001L);
    refused(tokenForm(TIDELINE, secret(team, TIDELINE, tooLong)), null, "invalid_client", "at most 15777000 s");
    Map<String, Object> expired = claims(team, TIDELINE);
    expired.put("exp", ((Long) expired.get("iat")) - 10);
    refused(tokenForm(TIDELINE, secret(team, TIDELINE, expired)), null, "invalid_client", "expired");
    ApiKeyFile iap = ServerApiAdmissionAcceptanceTest.inAppPurchaseKey();
    Siwa wrongKey = new Siwa(iap, team.teamId(), team.issuerId());
    refused(tokenForm(TIDELINE, secret(wrongKey, TIDELINE, claims(wrongKey, TIDELINE))), null, "invalid_client", "is an In-App Purchase key");
    Siwa other = siwa(null);
    Siwa forged = new Siwa(ApiKeyFile.of(team.key().keyId(), team.issuerId(), other.key().privateKey()), team.teamId(), team.issuerId());
    refused(tokenForm(TIDELINE, secret(forged, TIDELINE, claims(forged, TIDELINE))), null, "invalid_client", "signature does not verify");

    JsonNode journal = server.admin("GET", "/_braeburn/requests?keyId=" + team.key().keyId(), null, null).json().path("data");
    assertThat(journal.get(0).path("errorCode").asText()).isEqualTo("invalid_client");
    assertThat(journal.get(0).path("diagnosis").asText()).contains("signature does not verify");
  }

  @Test
  void eachMigrationRefusalIsApplesErrorWithItsDiagnosis() {
    Siwa from = siwa(null);
    Siwa to = siwa(server.createTeam("Refusals " + System.nanoTime()));
    String secret = secret(from, TIDELINE, claims(from, TIDELINE));
    String token = token(from, TIDELINE).json().path("access_token").asText();
    String sub = user(from, TIDELINE, null).path("sub").asText();
    String base = form("client_id", TIDELINE, "client_secret", secret);

    refused(base + "&" + form("sub", sub, "target", to.teamId()), null, "invalid_client", "no 'Authorization: Bearer");
    refused(base + "&" + form("sub", sub, "target", to.teamId()), "not-a-token", "invalid_client", "is not one team");
    refused(base, token, "invalid_request", "neither sub nor transfer_sub");
    refused(base + "&" + form("sub", sub), token, "invalid_request", "no target");
    refused(base + "&" + form("sub", sub, "target", "ZZZZZZZZZZ"), token, "invalid_request", "not the Team ID of a team");
    refused(base + "&" + form("sub", sub, "target", from.teamId()), token, "invalid_request", "own team");
    refused(base + "&" + form("sub", "000000.00000000000000000000000000000000.0000", "target", to.teamId()), token, "invalid_request",
        "is not a Sign in with Apple user");
    refused(base + "&" + form("transfer_sub", "000000.00000000000000000000000000000000.0000"), token, "invalid_grant", "was not generated for team");

    // the recipient got the app, then its own user moves back to a team the app never came from
    transfer(from, TIDELINE, to);
    String toSub = user(to, TIDELINE, null).path("sub").asText();
    String back = transferSub(to, TIDELINE, token(to, TIDELINE).json().path("access_token").asText(), toSub, from.teamId());
    refused(base + "&" + form("transfer_sub", back), token, "invalid_grant", "has not been transferred to team " + from.teamId());
  }

  private static void refused(String form, String bearer, String error, String diagnosis) {
    TestServer.Reply r = server.send("POST", "/auth/" + (form.contains("grant_type") ? "token" : "usermigrationinfo"), form, bearer,
        "application/x-www-form-urlencoded");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("error").asText()).isEqualTo(error);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("X-Braeburn-Diagnosis")).contains(diagnosis);
  }

  private static Siwa siwa(String issuer) {
    JsonNode k = server.admin("POST", "/_braeburn/keys", "{\"type\":\"SIGN_IN_WITH_APPLE\""
        + (issuer == null ? "" : ",\"issuerId\":\"" + issuer + "\"") + "}", null).json();
    String issuerId = k.path("issuerId").asText();
    String teamId = null;
    for (JsonNode team : server.admin("GET", "/_braeburn/teams", null, null).json().path("data")) {
      if (team.path("issuerId").asText().equals(issuerId)) {
        teamId = team.path("teamId").asText();
      }
    }
    return new Siwa(ApiKeyFile.fromPem(k.path("keyId").asText(), issuerId, k.path("privateKey").asText()), teamId, issuerId);
  }

  private static JsonNode user(Siwa team, String clientId, String email) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/signin/users", "{\"clientId\":\"" + clientId + "\""
        + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}", team.issuerId());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static void transfer(Siwa from, String clientId, Siwa to) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/signin/transfers",
        "{\"clientId\":\"" + clientId + "\",\"toIssuerId\":\"" + to.issuerId() + "\"}", from.issuerId());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("transferWindowEndsDate").asLong() - r.json().path("transferredDate").asLong()).isEqualTo(60L * 86_400_000);
  }

  private static TestServer.Reply token(Siwa team, String clientId) {
    return server.send("POST", "/auth/token", tokenForm(clientId, secret(team, clientId, claims(team, clientId))), null,
        "application/x-www-form-urlencoded");
  }

  private static String transferSub(Siwa team, String clientId, String token, String sub, String target) {
    TestServer.Reply r = migrate(team, clientId, token, Map.of("sub", sub, "target", target));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("transfer_sub").asText();
  }

  private static TestServer.Reply migrate(Siwa team, String clientId, String token, Map<String, String> params) {
    String body = form("client_id", clientId, "client_secret", secret(team, clientId, claims(team, clientId))) + "&"
        + params.entrySet().stream().map(e -> form(e.getKey(), e.getValue())).collect(Collectors.joining("&"));
    return server.send("POST", "/auth/usermigrationinfo", body, token, "application/x-www-form-urlencoded");
  }

  private static String tokenForm(String clientId, String secret) {
    return form("grant_type", "client_credentials", "scope", "user.migration", "client_id", clientId, "client_secret", secret);
  }

  private static String form(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** A client secret's claims as F:797012 shows them: {iss: Team ID, iat, exp, aud, sub: client_id}. */
  private static Map<String, Object> claims(Siwa team, String clientId) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iss", team.teamId());
    payload.put("iat", now);
    payload.put("exp", now + 3600);
    payload.put("aud", "https://appleid.apple.com");
    payload.put("sub", clientId);
    return payload;
  }

  private static String secret(Siwa team, String clientId, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("kid", team.key().keyId());
    header.put("alg", "ES256");
    return Jws.sign(header, claims, team.key().privateKey(), Jws.SignatureFormat.RAW_R_S);
  }

  private static void advance(long seconds) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null).status()).isEqualTo(200);
  }
}
