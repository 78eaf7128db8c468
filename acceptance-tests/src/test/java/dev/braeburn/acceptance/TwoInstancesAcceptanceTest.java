package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two Braeburn instances on one PostgreSQL, as behind a load balancer: any instance serves any
 * request, cursors from one work on the other, a key revoked or a team blocked through one
 * instance is refused by the other at once, and rate limits, the journal and the virtual clock are
 * one for all. Runs in the PostgreSQL pass of the suite.
 */
@EnabledIfSystemProperty(named = "braeburn.test.store", matches = "postgres")
class TwoInstancesAcceptanceTest {
  static TestServer first;
  static BraeburnServer second;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    String url = TestDatabases.freshPostgresDatabase();
    first = TestServer.start("demo", c -> c.withStore("postgres", url).withHourlyLimit(0));
    second = BraeburnServer.start(Config.defaults().withHost("127.0.0.1").withPort(0).withQuiet(true)
            .withDataDir(Files.createTempDirectory("braeburn-second")).withStore("postgres", url).withHourlyLimit(0)
            .withAdminToken(first.server.adminToken()),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  private static String on(int instance, String pathOrUrl) {
    String base = "http://127.0.0.1:" + (instance == 0 ? first.server.port() : second.port());
    return pathOrUrl.startsWith("http") ? pathOrUrl.replaceFirst("http://[^/]+", base) : base + pathOrUrl;
  }

  private static TestServer.Reply call(int instance, String method, String path, String body, String bearer) {
    return first.send(method, on(instance, path), body, bearer);
  }

  @Test
  void writesAndPagedReadsInterleaveAcrossInstances() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String body = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"Two " + i + "\",\"identifier\":\"dev.braeburn.two"
          + i + "\",\"platform\":\"IOS\"}}}";
      TestServer.Reply r = call(i % 2, "POST", "/v1/bundleIds", body, first.token());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      created.add(r.json().path("data").path("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String next = "/v1/bundleIds?limit=7&filter[platform]=IOS";
    int page = 0;
    while (next != null) {
      TestServer.Reply r = call(page++ % 2, "GET", next, null, first.token()); // each page from the other instance
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      for (JsonNode item : r.json().path("data")) {
        seen.add(item.path("id").asText());
      }
      JsonNode link = r.json().path("links").path("next");
      next = link.isMissingNode() ? null : link.asText();
    }
    assertThat(seen).doesNotHaveDuplicates().containsAll(created);
  }

  @Test
  void aKeyRevokedThroughOneInstanceIsRefusedByTheOther() throws Exception {
    TestServer.Key key = first.createKey("DEVELOPER", null);
    String token = key.token();
    assertThat(call(1, "GET", "/v1/apps", null, token).status()).isEqualTo(200); // cached as verified on the second
    assertThat(first.admin("DELETE", "/_braeburn/keys/" + key.keyId(), null, null).status()).isEqualTo(204);
    assertThat(call(0, "GET", "/v1/apps", null, token).status()).isEqualTo(401);
    assertThat(eventually(() -> call(1, "GET", "/v1/apps", null, token).status() == 401))
        .as("the second instance refuses the revoked key").isTrue();
  }

  @Test
  void aTeamBlockedThroughOneInstanceIsBlockedOnTheOther() throws Exception {
    assertThat(call(1, "GET", "/v1/apps", null, first.token()).status()).isEqualTo(200);
    HttpResponse<String> patch = HTTP.send(HttpRequest.newBuilder(URI.create(on(1, "/_braeburn/teams/" + first.issuerId)))
        .header("Authorization", "Bearer " + second.adminToken())
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"agreementsMissing\":true}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(patch.statusCode()).isEqualTo(200);
    try {
      assertThat(eventually(() -> call(0, "GET", "/v1/apps", null, first.token()).status() == 403)).isTrue();
    } finally {
      HTTP.send(HttpRequest.newBuilder(URI.create(on(1, "/_braeburn/teams/" + first.issuerId)))
          .header("Authorization", "Bearer " + second.adminToken())
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"agreementsMissing\":false}")).build(), HttpResponse.BodyHandlers.discarding());
    }
    assertThat(eventually(() -> call(0, "GET", "/v1/apps", null, first.token()).status() == 200)).isTrue();
  }

  @Test
  void aKeysHourIsCountedOnceWhicheverInstanceServes() {
    TestServer.Key key = first.createKey("DEVELOPER", null);
    assertThat(first.admin("PATCH", "/_braeburn/keys/" + key.keyId(), "{\"hourlyLimit\":10}", null).status()).isEqualTo(200);
    String token = key.token();
    for (int i = 0; i < 10; i++) {
      TestServer.Reply r = call(i % 2, "GET", "/v1/apps", null, token);
      assertThat(r.status()).as("request %d", i).isEqualTo(200);
      assertThat(r.header("x-rate-limit")).isEqualTo("user-hour-lim:10;user-hour-rem:" + (9 - i) + ";");
    }
    for (int instance = 0; instance < 2; instance++) {
      TestServer.Reply refused = call(instance, "GET", "/v1/apps", null, token);
      assertThat(refused.status()).as("instance %d after 10 requests in all", instance).isEqualTo(429);
      assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
    }
  }

  @Test
  void eitherInstanceShowsTheJournalOfBoth() throws Exception {
    TestServer.Key key = first.createKey("DEVELOPER", null);
    String token = key.token();
    call(0, "GET", "/v1/apps?limit=1", null, token);
    call(1, "GET", "/v1/apps?limit=2", null, token);
    call(1, "GET", "/v1/users", null, token); // 403: DEVELOPER may not list users
    // each instance writes its queued entries in batches; reading its own journal writes them at once
    journal(1, key.keyId()); // the second instance's two entries are now in the database
    assertThat(journal(0, key.keyId())).hasSize(3); // and the first's one, written as it reads
    JsonNode onFirst = journal(1, key.keyId());
    assertThat(onFirst).hasSize(3);
    assertThat(onFirst.get(0).path("status").asInt()).isEqualTo(403);
    assertThat(onFirst.get(0).path("errorCode").asText()).isEqualTo("FORBIDDEN_ERROR");
    assertThat(onFirst.get(1).path("query").asText()).isEqualTo("limit=2");
    assertThat(onFirst.get(2).path("query").asText()).isEqualTo("limit=1");
  }

  @Test
  void theVirtualClockIsOneForAllInstances() throws Exception {
    assertThat(first.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
    try {
      String now = first.admin("POST", "/_braeburn/clock/advance", "{\"days\":2}", null).json().path("now").asText();
      assertThat(eventually(() -> now.equals(adminGet(1, "/_braeburn/clock").path("now").asText())))
          .as("the second instance reads the first's advanced, frozen clock").isTrue();
    } finally {
      first.admin("POST", "/_braeburn/clock/resume", null, null);
    }
  }

  private static JsonNode adminGet(int instance, String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(on(instance, path)))
          .header("Authorization", "Bearer " + first.server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return TestServer.JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode journal(int instance, String keyId) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(on(instance, "/_braeburn/requests?keyId=" + keyId)))
        .header("Authorization", "Bearer " + first.server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body()).path("data");
  }

  /**
   * Fault rules are one set for all instances (issue 17): a rule added through one instance faults
   * the other's requests, its count is spent once across both, and a removal through the other
   * instance ends it on the first.
   */
  @Test
  void aFaultRuleAddedThroughOneInstanceAppliesOnTheOther() throws Exception {
    String rule = "{\"id\":\"shared\",\"match\":{\"path\":\"/v1/territories\"},\"fault\":{\"type\":\"error\",\"status\":503}}";
    assertThat(first.admin("POST", "/_braeburn/faults", rule, null).status()).isEqualTo(201);
    assertThat(eventually(() -> call(1, "GET", "/v1/territories", null, first.token()).status() == 503)).isTrue();
    HttpResponse<String> removed = HTTP.send(HttpRequest.newBuilder(URI.create(on(1, "/_braeburn/faults/shared"))).DELETE()
        .header("Authorization", "Bearer " + second.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(eventually(() -> call(0, "GET", "/v1/territories", null, first.token()).status() == 200)).isTrue();

    String counted = "{\"id\":\"once\",\"match\":{\"path\":\"/v1/territories\"},\"fault\":{\"type\":\"error\",\"status\":429},"
        + "\"count\":1}";
    assertThat(first.admin("POST", "/_braeburn/faults", counted, null).status()).isEqualTo(201);
    assertThat(eventually(() -> call(1, "GET", "/v1/territories", null, first.token()).status() == 429)).isTrue();
    assertThat(call(0, "GET", "/v1/territories", null, first.token()).status()).as("spent on the other instance").isEqualTo(200);
    assertThat(call(1, "GET", "/v1/territories", null, first.token()).status()).isEqualTo(200);
    first.admin("DELETE", "/_braeburn/faults", null, null);
  }

  /**
   * The notification crosses a database connection, so the other instance learns of a change a
   * few milliseconds after the commit: poll (bounded at 5 s), do not sleep a guessed amount.
   */
  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.onSpinWait();
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }
}
