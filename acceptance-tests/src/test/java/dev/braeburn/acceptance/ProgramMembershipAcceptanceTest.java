package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forum case behind issue 14 (provisioning.md §8): a team key gets 200 on /v1/apps while
 * /v1/bundleIds, /v1/profiles and /v1/certificates answer 403 — reproduced on request with
 * {@code PATCH /_braeburn/teams/{issuerId} {"programMembership"}}, Apple's bodies on the wire and
 * the cause in X-Braeburn-Diagnosis.
 */
class ProgramMembershipAcceptanceTest extends DemoServerTest {
  private static final List<String> PROVISIONING = List.of("/v1/bundleIds", "/v1/profiles", "/v1/certificates", "/v1/devices");

  private JsonNode membership(String value) {
    TestServer.Reply r = server.admin("PATCH", "/_braeburn/teams/" + server.issuerId, "{\"programMembership\":\"" + value + "\"}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void noProgramTeamRefusesTheProvisioningResourcesWithTheContentProviderBody() {
    assertThat(membership("NONE").path("programMembership").asText()).isEqualTo("NONE");
    assertThat(server.get("/v1/apps?limit=1").status()).isEqualTo(200);
    for (String path : PROVISIONING) {
      TestServer.Reply r = server.get(path + "?limit=1");
      assertThat(r.status()).as(path).isEqualTo(403);
      JsonNode error = r.json().at("/errors/0");
      assertThat(error.path("code").asText()).isEqualTo("FORBIDDEN_ERROR");
      assertThat(error.path("title").asText()).isEqualTo("This request is forbidden for security reasons");
      assertThat(error.path("detail").asText())
          .isEqualTo("Unable to find a team with the given Content Provider ID " + server.issuerId + " to which you belong.");
      assertThat(r.header("x-braeburn-diagnosis")).contains("no Apple Developer Program team").contains("programMembership");
    }
    TestServer.Reply create = server.send("POST", "/v1/bundleIds", "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"identifier\":"
        + "\"com.example.refused\",\"name\":\"Refused\",\"platform\":\"IOS\"}}}");
    assertThat(create.status()).isEqualTo(403);
  }

  @Test
  void aLapsedMembershipNamesTheTeamId() {
    String teamId = membership("EXPIRED").path("teamId").asText();
    assertThat(teamId).matches("[A-Z0-9]{10}");
    TestServer.Reply r = server.get("/v1/certificates");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/errors/0/detail").asText()).isEqualTo("Team ID: '" + teamId + "' is not associated with an active membership. "
        + "To check your teams membership status, sign in your account on the developer website. https://developer.apple.com/account/");
    assertThat(r.header("x-braeburn-diagnosis")).contains("EXPIRED");
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);

    membership("ACTIVE");
    for (String path : PROVISIONING) {
      assertThat(server.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void onlyTheThreeMembershipsAreTaken() {
    TestServer.Reply r = server.admin("PATCH", "/_braeburn/teams/" + server.issuerId, "{\"programMembership\":\"LAPSED\"}", null);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().at("/errors/0/source/pointer").asText()).isEqualTo("/programMembership");
    assertThat(r.body()).contains("ACTIVE").contains("EXPIRED").contains("NONE");
  }
}
