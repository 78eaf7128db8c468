package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** include / fields / filter / sort / exists against the demo seed, over real HTTP. */
class QueryAcceptanceTest extends SharedDemoServerTest {
  private static List<String> values(JsonNode doc, String pointer) {
    List<String> out = new ArrayList<>();
    doc.get("data").forEach(item -> out.add(item.at(pointer).asText()));
    return out;
  }

  @Test
  void sortAscendingAndDescending() {
    List<String> asc = values(server.get("/v1/apps?sort=name").json(), "/attributes/name");
    List<String> desc = values(server.get("/v1/apps?sort=-name").json(), "/attributes/name");
    assertThat(asc).hasSize(4).isSorted();
    assertThat(desc).containsExactlyElementsOf(asc.reversed());
  }

  @Test
  void filterCommaMeansOrAndDifferentFiltersMeanAnd() {
    JsonNode both = server.get("/v1/bundleIds?filter[platform]=IOS,UNIVERSAL").json();
    JsonNode ios = server.get("/v1/bundleIds?filter[platform]=IOS").json();
    assertThat(both.at("/meta/paging/total").asInt()).isEqualTo(4);
    assertThat(ios.at("/meta/paging/total").asInt()).isEqualTo(3);
    JsonNode and = server.get("/v1/bundleIds?filter[platform]=IOS&filter[name]=Tideline").json();
    assertThat(values(and, "/attributes/name")).containsExactly("Tideline");
  }

  @Test
  void relationshipAndDottedFilters() {
    JsonNode builds = server.get("/v1/builds?filter[app]=1600000003&limit=200").json();
    assertThat(builds.get("data").size()).isPositive();
    JsonNode apps = server.get("/v1/apps?filter[appStoreVersions.appStoreState]=PREPARE_FOR_SUBMISSION").json();
    assertThat(values(apps, "/id")).containsExactlyInAnyOrder("1600000001", "1600000002");
    JsonNode byId = server.get("/v1/apps?filter[id]=1600000002,1600000004").json();
    assertThat(values(byId, "/id")).containsExactlyInAnyOrder("1600000002", "1600000004");
  }

  @Test
  void existsSelectsByPresenceOfARelationship() {
    JsonNode top = server.get("/v1/appCategories?exists[parent]=false&limit=200").json();
    JsonNode sub = server.get("/v1/appCategories?exists[parent]=true&limit=200").json();
    JsonNode all = server.get("/v1/appCategories?limit=200").json();
    assertThat(top.get("data").size() + sub.get("data").size()).isEqualTo(all.get("data").size());
    assertThat(values(sub, "/id")).allMatch(id -> id.startsWith("GAMES_") || id.startsWith("STICKERS_"));
  }

  @Test
  void sparseFieldsetsKeepOnlyTheNamedFields() {
    JsonNode app = server.get("/v1/apps/1600000001?fields[apps]=name,bundleId").json().get("data");
    assertThat(iterable(app.get("attributes").fieldNames())).containsExactly("name", "bundleId");
    assertThat(app.has("relationships")).isFalse();
  }

  @Test
  void includeAddsLinkageDataAndDeduplicatedIncludedResources() {
    JsonNode doc = server.get("/v1/apps?include=appStoreVersions&limit[appStoreVersions]=2").json();
    Set<String> keys = new HashSet<>();
    for (JsonNode inc : doc.get("included")) {
      assertThat(keys.add(inc.get("type").asText() + "/" + inc.get("id").asText())).isTrue();
      assertThat(inc.get("type").asText()).isEqualTo("appStoreVersions");
    }
    for (JsonNode app : doc.get("data")) {
      JsonNode rel = app.at("/relationships/appStoreVersions");
      assertThat(rel.at("/meta/paging/limit").asInt()).isEqualTo(2);
      assertThat(rel.get("data").size()).isLessThanOrEqualTo(2);
      rel.get("data").forEach(l -> assertThat(keys).contains("appStoreVersions/" + l.get("id").asText()));
    }
    JsonNode tideline = doc.get("data").get(0);
    assertThat(tideline.at("/relationships/appStoreVersions/meta/paging/total").asInt()).isEqualTo(3);
  }

  @Test
  void relatedToOneAndLinkageEndpoints() {
    JsonNode versions = server.get("/v1/apps/1600000001/appStoreVersions").json();
    assertThat(versions.get("data").size()).isEqualTo(3);
    String buildId = server.get("/v1/apps/1600000001/builds").json().at("/data/0/id").asText();
    JsonNode app = server.get("/v1/builds/" + buildId + "/app").json();
    assertThat(app.at("/data/id").asText()).isEqualTo("1600000001");
    JsonNode toOne = server.get("/v1/builds/" + buildId + "/relationships/app").json();
    assertThat(toOne.at("/data/type").asText()).isEqualTo("apps");
    JsonNode linkage = server.get("/v1/apps/1600000001/relationships/appStoreVersions").json();
    assertThat(linkage.get("data").size()).isEqualTo(3);
    assertThat(linkage.at("/data/0").size()).isEqualTo(2);
    assertThat(linkage.at("/meta/paging/total").asInt()).isEqualTo(3);
  }

  @Test
  void rawAndPercentEncodedBracketsAndATrailingQuestionMarkMeanTheSame() {
    String raw = server.get("/v1/bundleIds?filter[platform]=IOS,UNIVERSAL&fields[bundleIds]=name").body();
    String encoded = server.get("/v1/bundleIds?filter%5Bplatform%5D=IOS%2CUNIVERSAL&fields%5BbundleIds%5D=name").json().get("data").toString();
    assertThat(TestServerJson.data(raw)).isEqualTo(encoded);
    TestServer.Reply trailing = server.get("/v1/apps?");
    assertThat(trailing.status()).isEqualTo(200);
    assertThat(trailing.json().at("/meta/paging/total").asInt()).isEqualTo(4);
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  static final class TestServerJson {
    static String data(String body) {
      try {
        return TestServer.JSON.readTree(body).get("data").toString();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Apple percent-encodes brackets in the links it emits (recorded: {@code …/instances?filter%5Bgranularity%5D=DAILY}). */
  @Test
  void linksEncodeBracketsHoweverTheClientSentThem() {
    for (String query : List.of("fields[apps]=name,sku&limit=1", "fields%5Bapps%5D=name%2Csku&limit=1", "fields%5bapps%5d=name,sku&limit=1")) {
      JsonNode doc = server.get("/v1/apps?" + query).json();
      assertThat(doc.at("/links/self").asText()).as(query).endsWith("/v1/apps?fields%5Bapps%5D=name,sku&limit=1");
      assertThat(doc.at("/links/next").asText()).as(query).matches(".*/v1/apps\\?cursor=[A-Za-z0-9_-]+&fields%5Bapps%5D=name,sku&limit=1");
    }
    JsonNode related = server.get("/v1/apps/1600000001/builds?fields[builds]=version&limit=1").json();
    assertThat(related.at("/links/self").asText()).endsWith("/v1/apps/1600000001/builds?fields%5Bbuilds%5D=version&limit=1");
  }
}
