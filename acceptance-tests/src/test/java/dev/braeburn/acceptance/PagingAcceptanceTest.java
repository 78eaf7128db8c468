package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cursor paging over real HTTP: sizes, links, totals, and completeness under concurrent inserts. */
class PagingAcceptanceTest {
  static TestServer server;
  static final String APP = "1700000450";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null);
    StringBuilder data = new StringBuilder("{\"data\":[{\"type\":\"apps\",\"id\":\"" + APP + "\",\"attributes\":{\"name\":\"Pager\",\"bundleId\":\"com.example.pager\",\"sku\":\"PAGER\",\"primaryLocale\":\"en-US\"}}");
    for (int i = 0; i < 450; i++) {
      data.append(",{\"type\":\"builds\",\"id\":\"b-").append(i).append("\",\"attributes\":{\"version\":\"").append(i)
          .append("\",\"processingState\":\"VALID\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"").append(APP).append("\"}}}}");
    }
    assertThat(server.admin("POST", "/_braeburn/resources", data.append("]}").toString(), null).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void fourHundredFiftyItemsAtLimit200ArriveAs200_200_50WithoutDuplicates() {
    List<Integer> sizes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String next = "/v1/apps/" + APP + "/builds?limit=200";
    JsonNode last = null;
    while (next != null) {
      TestServer.Reply reply = server.get(next);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("Content-Type")).isEqualTo("application/json");
      last = reply.json();
      sizes.add(last.get("data").size());
      last.get("data").forEach(b -> assertThat(ids.add(b.get("id").asText())).as("duplicate %s", b).isTrue());
      assertThat(last.at("/meta/paging/total").asInt()).isEqualTo(450);
      assertThat(last.at("/meta/paging/limit").asInt()).isEqualTo(200);
      assertThat(last.at("/links/self").asText()).startsWith(server.baseUrl() + "/v1/apps/" + APP + "/builds?");
      assertThat(last.at("/links/first").asText()).isEqualTo(server.baseUrl() + "/v1/apps/" + APP + "/builds?limit=200");
      next = last.at("/links/next").isMissingNode() ? null : last.at("/links/next").asText();
      if (next != null) {
        assertThat(next).startsWith(server.baseUrl() + "/v1/apps/" + APP + "/builds?cursor=").contains("limit=200");
      }
    }
    assertThat(sizes).containsExactly(200, 200, 50);
    assertThat(ids).hasSize(450);
    assertThat(last.get("links").has("next")).isFalse();
  }

  @Test
  void aWalkStaysCompleteWhileAnotherWriterInserts() {
    Set<String> seen = new HashSet<>();
    String next = "/v1/builds?filter[app]=" + APP + "&limit=100&sort=-version";
    int page = 0;
    while (next != null) {
      JsonNode doc = server.get(next).json();
      doc.get("data").forEach(b -> assertThat(seen.add(b.get("id").asText())).isTrue());
      if (page++ == 1) {
        server.admin("POST", "/_braeburn/resources",
            "{\"data\":[{\"type\":\"builds\",\"id\":\"late-1\",\"attributes\":{\"version\":\"9999\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}]}", null);
      }
      next = doc.at("/links/next").isMissingNode() ? null : doc.at("/links/next").asText();
    }
    for (int i = 0; i < 450; i++) {
      assertThat(seen).contains("b-" + i);
    }
  }

  @Test
  void sortByAttributePagesInOrderAcrossCursors() {
    List<String> versions = new ArrayList<>();
    String next = "/v1/apps/" + APP + "/preReleaseVersions?limit=5";
    assertThat(server.get(next).status()).isEqualTo(200);
    next = "/v1/builds?filter[app]=" + APP + "&sort=version&limit=7";
    for (int i = 0; i < 3 && next != null; i++) {
      JsonNode doc = server.get(next).json();
      doc.get("data").forEach(b -> versions.add(b.at("/attributes/version").asText()));
      next = doc.at("/links/next").asText(null);
    }
    assertThat(versions).hasSize(21).isSorted();
  }

  @Test
  void aForgedCursorIsAParameterError() {
    TestServer.Reply reply = server.get("/v1/apps/" + APP + "/builds?cursor=bm90LWEtY3Vyc29y");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/errors/0/code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(reply.json().at("/errors/0/source/parameter").asText()).isEqualTo("cursor");
  }
}
