package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Snapshots over the admin API ({@code GET/POST /_braeburn/snapshot}, docs/snapshots.md): a saved
 * state comes back exactly — list order, paging walks, relationships, keys (revoked or not) —
 * after the server was changed; a team snapshot touches only its team; a snapshot moves between
 * SQLite and PostgreSQL; a bad document is refused in Apple's error shape and changes nothing.
 */
class SnapshotAcceptanceTest {
  private static final String APP = "1600000001";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What a client sees: these GETs, every page of each (cursor values aside, since seq values are the store's). */
  private static final List<String> VIEWS = List.of(
      "/v1/apps",
      "/v1/apps?include=builds,betaGroups&limit[builds]=2",
      "/v1/builds?limit=4",
      "/v1/builds?sort=-version&limit=5",
      "/v1/bundleIds?limit=3",
      "/v1/betaGroups?include=betaTesters",
      "/v1/apps/" + APP + "/builds?limit=3",
      "/v1/apps/" + APP + "/relationships/betaGroups",
      "/v1/territories?limit=60");

  @Test
  void aWholeServerSnapshotBringsBackResourcesTheirOrderRelationshipsAndKeys() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      TestServer.Key revokedBefore = server.createKey("DEVELOPER", null);
      TestServer.Key revokedAfter = server.createKey("APP_MANAGER", null);
      assertThat(server.admin("DELETE", "/_braeburn/keys/" + revokedBefore.keyId(), null, null).status()).isEqualTo(204);
      List<JsonNode> before = observe(server, server.token());

      TestServer.Reply saved = server.admin("GET", "/_braeburn/snapshot", null, null);
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      assertThat(saved.header("Content-Type")).isEqualTo("application/json");
      JsonNode doc = saved.json();
      assertThat(doc.path("format").asText()).isEqualTo("braeburn-snapshot");
      assertThat(doc.path("version").asInt()).isEqualTo(3);
      assertThat(doc.path("scope").asText()).isEqualTo("server");
      assertThat(doc.path("keys")).hasSize(3);
      assertThat(doc.path("resources").size()).isGreaterThan(300);
      assertThat(doc.path("links").size()).isGreaterThan(100);

      String betaGroup = server.get("/v1/betaGroups").json().at("/data/0/id").asText();
      String bundleId = server.get("/v1/bundleIds").json().at("/data/0/id").asText();
      assertThat(server.send("DELETE", "/v1/betaGroups/" + betaGroup, null).status()).isEqualTo(204);
      assertThat(server.send("PATCH", "/v1/bundleIds/" + bundleId,
          "{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + bundleId + "\",\"attributes\":{\"name\":\"Renamed\"}}}").status()).isEqualTo(200);
      createBundleId(server, server.token(), "after.save");
      assertThat(server.admin("DELETE", "/_braeburn/keys/" + revokedAfter.keyId(), null, null).status()).isEqualTo(204);
      TestServer.Key createdAfter = server.createKey("DEVELOPER", null);
      assertThat(server.send("GET", "/v1/apps", null, createdAfter.token()).status()).isEqualTo(200);
      assertThat(observe(server, server.token())).isNotEqualTo(before);

      TestServer.Reply loaded = server.admin("POST", "/_braeburn/snapshot", saved.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(loaded.json().path("scope").asText()).isEqualTo("server");
      assertThat(loaded.json().path("resources").asLong()).isEqualTo(doc.path("resources").size());

      assertThat(observe(server, server.token())).isEqualTo(before);
      assertThat(server.send("GET", "/v1/apps", null, revokedAfter.token()).status()).as("revoked after the save: live again").isEqualTo(200);
      assertThat(server.send("GET", "/v1/apps", null, revokedBefore.token()).status()).as("revoked in the snapshot").isEqualTo(401);
      assertThat(server.send("GET", "/v1/apps", null, createdAfter.token()).status()).as("not in the snapshot").isEqualTo(401);
      assertThat(sections(server.admin("GET", "/_braeburn/snapshot", null, null).json())).isEqualTo(sections(doc));
    }
  }

  @Test
  void aTeamSnapshotReplacesThatTeamOnlyAndLeavesOtherTeamsAlone() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      String otherTeam = server.createTeam("Other");
      TestServer.Key otherKey = server.createKey("ADMIN", otherTeam);
      TestServer.Reply saved = server.admin("GET", "/_braeburn/snapshot", null, server.issuerId);
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      assertThat(saved.json().path("scope").asText()).isEqualTo("team");
      assertThat(saved.json().path("issuerId").asText()).isEqualTo(server.issuerId);
      assertThat(saved.json().path("teams")).hasSize(1);
      assertThat(saved.json().path("keys").findValuesAsText("issuerId")).containsOnly(server.issuerId);
      List<JsonNode> before = observe(server, server.token());

      createBundleId(server, server.token(), "mine.after.save");
      String othersBundle = createBundleId(server, otherKey.token(), "theirs.after.save");
      TestServer.Key otherLater = server.createKey("DEVELOPER", otherTeam);

      TestServer.Reply loaded = server.admin("POST", "/_braeburn/snapshot", saved.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(loaded.json().path("scope").asText()).isEqualTo("team");
      assertThat(observe(server, server.token())).isEqualTo(before);
      TestServer.Reply theirs = server.send("GET", "/v1/bundleIds/" + othersBundle, null, otherKey.token());
      assertThat(theirs.status()).as("the other team keeps what it did after the save").isEqualTo(200);
      assertThat(server.send("GET", "/v1/apps", null, otherLater.token()).status()).isEqualTo(200);
      assertThat(server.admin("GET", "/_braeburn/teams", null, null).json().path("data").findValuesAsText("issuerId"))
          .contains(server.issuerId, otherTeam);
    }
  }

  @Test
  void aTeamSnapshotLoadedIntoAnotherServerCreatesTheTeamThereBesideItsOwn() throws Exception {
    try (TestServer source = TestServer.start("demo"); TestServer target = TestServer.start(null)) {
      TestServer.Reply saved = source.admin("GET", "/_braeburn/snapshot", null, source.issuerId);
      TestServer.Reply loaded = target.admin("POST", "/_braeburn/snapshot", saved.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);

      assertThat(observe(target, source.token())).isEqualTo(observe(source, source.token()));
      assertThat(target.get("/v1/apps").status()).as("the target's own team and key stay").isEqualTo(200);
      assertThat(target.get("/v1/apps").json().path("data")).isEmpty();
    }
  }

  /** Both stores are started explicitly here, so the PostgreSQL pass of the suite would only repeat this test. */
  @Test
  @DisabledIfSystemProperty(named = "braeburn.test.store", matches = "postgres")
  void aSnapshotOfSqliteLoadsIntoPostgresqlAndBackWithIdenticalAnswers() throws Exception {
    String database = TestDatabases.freshPostgresDatabase();
    try (TestServer sqlite = TestServer.start("demo", c -> c.withStore("sqlite", null).withHourlyLimit(0));
        TestServer postgres = TestServer.start(null, c -> c.withStore("postgres", database).withHourlyLimit(0))) {
      createBundleId(sqlite, sqlite.token(), "late.one");
      String betaGroup = sqlite.get("/v1/betaGroups").json().at("/data/1/id").asText();
      assertThat(sqlite.send("DELETE", "/v1/betaGroups/" + betaGroup, null).status()).isEqualTo(204);
      TestServer.Key developer = sqlite.createKey("DEVELOPER", null);
      List<JsonNode> original = observe(sqlite, sqlite.token());

      TestServer.Reply fromSqlite = sqlite.admin("GET", "/_braeburn/snapshot", null, null);
      assertThat(postgres.admin("POST", "/_braeburn/snapshot", fromSqlite.body(), null).status()).isEqualTo(200);
      assertThat(postgres.admin("GET", "/_braeburn/health", null, null).json().path("store").asText()).isEqualTo("postgres");
      assertThat(observe(postgres, sqlite.token())).isEqualTo(original);
      assertThat(postgres.send("GET", "/v1/apps", null, developer.token()).status()).isEqualTo(200);
      assertThat(postgres.get("/v1/apps").status()).as("PostgreSQL's own first key went with its team").isEqualTo(401);

      createBundleId(sqlite, sqlite.token(), "diverged");
      TestServer.Reply fromPostgres = postgres.admin("GET", "/_braeburn/snapshot", null, null);
      assertThat(sections(fromPostgres.json())).isEqualTo(sections(fromSqlite.json()));
      assertThat(sqlite.admin("POST", "/_braeburn/snapshot", fromPostgres.body(), null).status()).isEqualTo(200);
      assertThat(observe(sqlite, sqlite.token())).isEqualTo(original);
    }
  }

  @Test
  void gzipGoesBothWays() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      HttpResponse<byte[]> saved = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_braeburn/snapshot"))
          .header("Authorization", "Bearer " + server.server.adminToken()).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(saved.statusCode()).isEqualTo(200);
      assertThat(saved.headers().firstValue("Content-Encoding")).hasValue("gzip");
      byte[] json = new GZIPInputStream(new ByteArrayInputStream(saved.body())).readAllBytes();
      assertThat(TestServer.JSON.readTree(json).path("format").asText()).isEqualTo("braeburn-snapshot");
      List<JsonNode> before = observe(server, server.token());

      createBundleId(server, server.token(), "after.save");
      HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_braeburn/snapshot"))
          .header("Authorization", "Bearer " + server.server.adminToken())
          .POST(HttpRequest.BodyPublishers.ofByteArray(saved.body())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
      assertThat(observe(server, server.token())).isEqualTo(before);
    }
  }

  @Test
  void aBadDocumentIsRefusedInApplesErrorShapeAndChangesNothing() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      String saved = server.admin("GET", "/_braeburn/snapshot", null, null).body();
      createBundleId(server, server.token(), "after.save");
      JsonNode current = sections(server.admin("GET", "/_braeburn/snapshot", null, null).json());

      JsonNode newer = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", saved.replaceFirst("\"version\": 3", "\"version\": 4"), null),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(newer.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
      assertThat(newer.at("/source/pointer").asText()).isEqualTo("/version");
      assertThat(newer.path("detail").asText()).contains("version 4").contains("newer Braeburn");

      // cut inside the resources: the old resources are already deleted in the transaction when the end is missed
      String truncated = saved.substring(0, saved.indexOf("\"links\"") - 2000);
      JsonNode cut = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", truncated, null),
          400, "id", "status", "code", "title", "detail");
      assertThat(cut.path("code").asText()).isEqualTo("ENTITY_INVALID");
      assertThat(cut.path("detail").asText()).contains("truncated");

      ObjectNode dangling = (ObjectNode) TestServer.JSON.readTree(saved);
      ((ObjectNode) dangling.withArray("links").get(3)).put("targetId", "no-such-resource");
      JsonNode link = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", dangling.toString(), null),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(link.at("/source/pointer").asText()).isEqualTo("/links/3");
      assertThat(link.path("detail").asText()).contains("no-such-resource");

      // a snapshot is UTF-8 JSON: one in UTF-16 is refused before anything is read (found by the long fuzz run)
      java.net.http.HttpResponse<String> utf16 = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.server.port() + "/_braeburn/snapshot"))
              .header("Authorization", "Bearer " + server.server.adminToken())
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(saved.getBytes(java.nio.charset.StandardCharsets.UTF_16)))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(utf16.statusCode()).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(utf16.body()).at("/errors/0/detail").asText()).contains("UTF-8");

      JsonNode wrongTeam = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", saved, server.issuerId),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(wrongTeam.path("detail").asText()).contains("whole server");

      assertThat(sections(server.admin("GET", "/_braeburn/snapshot", null, null).json())).isEqualTo(current);
      assertThat(server.get("/v1/bundleIds?filter[identifier]=dev.braeburn.after.save").json().path("data")).hasSize(1);
    }
  }

  @Test
  void aSnapshotOfAnUnknownTeamIsA404() throws Exception {
    try (TestServer server = TestServer.start(null)) {
      JsonNode error = AppleErrors.onlyError(server.admin("GET", "/_braeburn/snapshot", null, "no-such-team"),
          404, "id", "status", "code", "title", "detail");
      assertThat(error.path("detail").asText()).contains("no-such-team");
    }
  }

  private static String createBundleId(TestServer server, String token, String name) {
    TestServer.Reply r = server.send("POST", "/v1/bundleIds", "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"" + name.replaceAll("[^A-Za-z0-9]", " ") // names: letters, digits, spaces (provisioning.md §5.1)
        + "\",\"identifier\":\"dev.braeburn." + name + "\",\"platform\":\"IOS\"}}}", token);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  /** Every page of every view, as the given key sees them; cursors masked, links relative to the server. */
  private static List<JsonNode> observe(TestServer server, String token) throws Exception {
    List<JsonNode> pages = new ArrayList<>();
    for (String view : VIEWS) {
      String next = view;
      while (next != null) {
        TestServer.Reply r = server.send("GET", next, null, token);
        assertThat(r.status()).as(next + ": " + r.body()).isEqualTo(200);
        JsonNode page = r.json();
        pages.add(TestServer.JSON.readTree(r.body().replace(server.baseUrl(), "http://braeburn").replaceAll("cursor=[^&\"]+", "cursor=…")));
        next = page.at("/links/next").isMissingNode() ? null : page.at("/links/next").asText();
      }
    }
    return pages;
  }

  /** A snapshot without its createdAt: what two snapshots of the same state share. */
  private static JsonNode sections(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("createdAt");
    return copy;
  }
}
