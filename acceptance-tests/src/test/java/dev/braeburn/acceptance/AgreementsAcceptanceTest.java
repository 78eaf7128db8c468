package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account-wide "required agreements missing or expired" 403 (protocol.md §2.2 last row, §2.3.3):
 * switched per team through {@code PATCH /_braeburn/teams/{issuerId}}, answered to every request of
 * that team after authentication and before routing or the role policy.
 */
class AgreementsAcceptanceTest {
  static TestServer server;

  static final String BUNDLE_ID = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"Agreements\","
      + "\"identifier\":\"com.example.agreements\",\"platform\":\"IOS\"}}}";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo", c -> c); // limits on: the 403 still reports the key's budget
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static TestServer.Reply setMissing(String issuerId, String body) {
    return server.admin("PATCH", "/_braeburn/teams/" + issuerId, body, null);
  }

  private static JsonNode team(String issuerId) {
    for (JsonNode t : server.admin("GET", "/_braeburn/teams", null, null).json().get("data")) {
      if (t.get("issuerId").asText().equals(issuerId)) {
        return t;
      }
    }
    throw new AssertionError("team " + issuerId + " not listed");
  }

  /** Apple's recorded agreements 403, member for member, plus the diagnosis naming the team. */
  private static void assertAgreementsMissing(TestServer.Reply reply, String issuerId) {
    JsonNode e = AppleErrors.onlyError(reply, 403, "id", "status", "code", "title", "detail", "links");
    assertThat(e.get("id").asText()).isNotBlank();
    assertThat(e.get("status").asText()).isEqualTo("403");
    assertThat(e.get("code").asText()).isEqualTo("FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED");
    assertThat(e.get("title").asText()).isEqualTo("A required agreement is missing or has expired.");
    assertThat(e.get("detail").asText()).isEqualTo("This request requires an in-effect agreement that has not been signed or has expired.");
    assertThat(e.get("links").properties()).extracting(Map.Entry::getKey).containsExactly("see");
    assertThat(e.at("/links/see").asText()).isEqualTo("/agreements");
    assertThat(reply.header("X-Braeburn-Diagnosis")).contains(issuerId).contains("agreements missing");
    assertThat(reply.header("X-Rate-Limit")).matches("user-hour-lim:3600;user-hour-rem:\\d+;");
  }

  @Test
  void aTeamWithoutAgreementsIsRefusedEverything() {
    String issuer = server.createTeam("No Agreements");
    TestServer.Key admin = server.createKey("ADMIN", issuer);
    TestServer.Key developer = server.createKey("DEVELOPER", issuer);
    TestServer.Key individual = server.createKey(List.of("ADMIN"), "INDIVIDUAL", issuer);
    assertThat(server.send("GET", "/v1/apps", null, admin.token()).status()).isEqualTo(200);
    assertThat(team(issuer).get("agreementsMissing").asBoolean()).isFalse();

    TestServer.Reply switched = setMissing(issuer, "{\"agreementsMissing\":true}");
    assertThat(switched.status()).as(switched.body()).isEqualTo(200);
    assertThat(switched.json().get("issuerId").asText()).isEqualTo(issuer);
    assertThat(switched.json().get("agreementsMissing").asBoolean()).isTrue();
    assertThat(switched.json().get("name").asText()).isEqualTo("No Agreements");
    assertThat(team(issuer).get("agreementsMissing").asBoolean()).isTrue();
    assertThat(team(server.issuerId).get("agreementsMissing").asBoolean()).isFalse();

    assertAgreementsMissing(server.send("GET", "/v1/apps", null, admin.token()), issuer);
    assertAgreementsMissing(server.send("GET", "/v1/apps/1600000001", null, admin.token()), issuer);
    assertAgreementsMissing(server.send("POST", "/v1/bundleIds", BUNDLE_ID, admin.token()), issuer);
    // Before routing: an unknown path, an unsupported verb and an invalid body get the same 403.
    assertAgreementsMissing(server.send("GET", "/v1/bananas", null, admin.token()), issuer);
    assertAgreementsMissing(server.send("POST", "/v1/apps", "{}", admin.token()), issuer);
    assertAgreementsMissing(server.send("POST", "/v1/bundleIds", "{not json", admin.token()), issuer);
    // Before the role policy, and for individual keys too.
    assertAgreementsMissing(server.send("GET", "/v1/users", null, developer.token()), issuer);
    assertAgreementsMissing(server.send("GET", "/v1/apps", null, individual.token()), issuer);

    // Authentication comes first: a bad token is still Apple's 401.
    TestServer.Reply bad = server.send("GET", "/v1/apps", null, admin.token() + "x");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.json().at("/errors/0/code").asText()).isEqualTo("NOT_AUTHORIZED");

    // Another team is unaffected.
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);

    // The journal keeps the refusal with its code.
    JsonNode journal = server.admin("GET", "/_braeburn/requests?status=403&issuerId=" + issuer + "&limit=1", null, null).json();
    assertThat(journal.at("/data/0/errorCode").asText()).isEqualTo("FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED");

    // Signing again takes effect at once.
    TestServer.Reply signed = setMissing(issuer, "{\"agreementsMissing\":false}");
    assertThat(signed.status()).isEqualTo(200);
    assertThat(signed.json().get("agreementsMissing").asBoolean()).isFalse();
    assertThat(server.send("GET", "/v1/apps", null, admin.token()).status()).isEqualTo(200);
    assertThat(server.send("GET", "/v1/apps", null, individual.token()).status()).isEqualTo(200);
    assertThat(server.send("POST", "/v1/bundleIds", BUNDLE_ID, admin.token()).status()).isEqualTo(201);
    assertThat(team(issuer).get("agreementsMissing").asBoolean()).isFalse();
  }

  @Test
  void invalidSwitchesAreRefused() {
    String issuer = server.createTeam("Invalid Switches");
    for (String body : new String[] {"{\"agreementsMissing\":\"yes\"}", "{\"agreementsMissing\":1}", "{\"agreementsMissing\":null}", "{}"}) {
      TestServer.Reply r = setMissing(issuer, body);
      assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(409);
      assertThat(r.json().at("/errors/0/source/pointer").asText()).isEqualTo("/agreementsMissing");
    }
    assertThat(team(issuer).get("agreementsMissing").asBoolean()).isFalse();
    TestServer.Reply unknown = setMissing("00000000-0000-0000-0000-000000000000", "{\"agreementsMissing\":true}");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.json().at("/errors/0/code").asText()).isEqualTo("NOT_FOUND");
  }
}
