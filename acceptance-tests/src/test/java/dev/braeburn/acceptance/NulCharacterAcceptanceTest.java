package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * U+0000 in a request (found by the fuzz suite: PostgreSQL answered 500, SQLite stored or
 * compared it): refused on both stores before anything is read or written — in a body as 409
 * {@code ENTITY_ERROR.ATTRIBUTE.INVALID} with the value's pointer, in a query value ({@code %00})
 * as 400 {@code PARAMETER_ERROR.INVALID} naming the parameter, in a token's {@code kid} or {@code
 * iss} as Apple's one 401 that the request journal keeps on both stores.
 */
class NulCharacterAcceptanceTest extends SharedDemoServerTest {
  private static final String LOCALIZATION = "fb7a2664-845e-5072-9770-f93b4e2e071f";
  private static final String GROUP = "4773deeb-657d-5c1e-a7a6-c926d5f83a65";
  @Test
  void anAttributeWithANulIsRefusedAndNothingChanges() {
    TestServer.Reply reply = server.send("PATCH", "/v1/subscriptionGroupLocalizations/" + LOCALIZATION,
        "{\"data\":{\"type\":\"subscriptionGroupLocalizations\",\"id\":\"" + LOCALIZATION
            + "\",\"attributes\":{\"name\":\"New\",\"customAppName\":\"a\\u0000b\"}}}");
    JsonNode error = AppleErrors.onlyError(reply, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/customAppName");
    JsonNode stored = server.get("/v1/subscriptionGroupLocalizations/" + LOCALIZATION).json();
    assertThat(stored.at("/data/attributes/name").asText()).isEqualTo("Ledgerly Plus");
    assertThat(stored.at("/data/attributes/customAppName").asText()).isEqualTo("Ledgerly");
  }

  @Test
  void aLinkageIdWithANulIsRefused() {
    TestServer.Reply reply = server.send("POST", "/v1/betaGroups/" + GROUP + "/relationships/betaTesters",
        "{\"data\":[{\"type\":\"betaTesters\",\"id\":\"\\u0000\"}]}");
    JsonNode error = AppleErrors.onlyError(reply, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/0/id");
  }

  @Test
  void theAdminApiRefusesANulToo() {
    TestServer.Reply reply = server.admin("POST", "/_braeburn/resources",
        "{\"data\":[{\"type\":\"apps\",\"id\":\"nul-app\",\"attributes\":{\"name\":\"a\\u0000\"}}]}", server.issuerId);
    JsonNode error = AppleErrors.onlyError(reply, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/0/attributes/name");
    assertThat(server.get("/v1/apps/nul-app").status()).isEqualTo(404);
  }

  @Test
  void aQueryValueWithANulIsRefused() {
    JsonNode error = AppleErrors.onlyError(server.get("/v1/betaLicenseAgreements?filter%5Bapp%5D=16%0000001"), 400,
        "id", "status", "code", "title", "detail", "source");
    assertThat(error.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(error.at("/source/parameter").asText()).isEqualTo("filter[app]");
    TestServer.Reply admin = server.admin("GET", "/_braeburn/tasks?issuerId=a%00", null, null);
    assertThat(AppleErrors.onlyError(admin, 400, "id", "status", "code", "title", "detail", "source").path("code").asText())
        .isEqualTo("PARAMETER_ERROR.INVALID");
  }

  @Test
  void aTokenWithANulInItsKeyIdOrIssuerIsTheOne401() {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    for (String[] parts : new String[][] {
        {"{\"alg\":\"ES256\",\"kid\":\"K\\u0000\",\"typ\":\"JWT\"}", "{\"iss\":\"" + server.issuerId + "\",\"aud\":\"appstoreconnect-v1\",\"exp\":4102444800}"},
        {"{\"alg\":\"ES256\",\"kid\":\"" + server.keyId + "\",\"typ\":\"JWT\"}", "{\"iss\":\"a\\u0000\",\"aud\":\"appstoreconnect-v1\",\"exp\":4102444800}"}}) {
      String token = b64.encodeToString(parts[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
          + b64.encodeToString(parts[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AAAA";
      TestServer.Reply reply = server.send("GET", "/v1/apps?nulToken=1", null, token);
      assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    }
    // both refusals are in the journal (on PostgreSQL a U+0000 in an entry failed its whole batch)
    JsonNode journal = server.admin("GET", "/_braeburn/requests?status=401&limit=1000", null, null).json();
    assertThat(journal.path("data").findValuesAsText("query")).filteredOn("nulToken=1"::equals).hasSize(2);
  }
}
