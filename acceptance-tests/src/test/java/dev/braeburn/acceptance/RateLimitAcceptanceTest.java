package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * App Store Connect's request limit (protocol.md §3) over real HTTP: the {@code X-Rate-Limit}
 * header, the 429 at the limit, per-key overrides through the admin API, and limits switched off.
 * The rolling window itself (time passing) is unit-tested with a clock; nothing here sleeps.
 */
class RateLimitAcceptanceTest {
  static final String RATE = "X-Rate-Limit";
  static final String DIAGNOSIS = "X-Braeburn-Diagnosis";

  /** Apple's default, 3600 requests per key per rolling hour. */
  static TestServer apple;
  /** Five requests an hour: the limit is reachable in a test. */
  static TestServer five;
  /** Limits switched off server-wide. */
  static TestServer off;

  @BeforeAll
  static void start() throws Exception {
    apple = TestServer.start("demo", c -> c);
    five = TestServer.start("demo", c -> c.withHourlyLimit(5));
    off = TestServer.start("demo", c -> c.withHourlyLimit(0));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestServer s : new TestServer[] {apple, five, off}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private static String header(int limit, int remaining) {
    return "user-hour-lim:" + limit + ";user-hour-rem:" + remaining + ";";
  }

  private static TestServer.Reply call(TestServer server, String method, String path, String token) {
    return server.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{\"dta\":{}}", token);
  }

  @Test
  void everyResponseCarriesTheHeaderCountingDownPerKey() {
    String admin = apple.createKey("ADMIN", null).token();
    String developer = apple.createKey("DEVELOPER", null).token();

    record Step(String token, String method, String path, int status, int remaining) {}
    List<Step> steps = List.of(
        new Step(admin, "GET", "/v1/apps", 200, 3599),
        new Step(admin, "GET", "/v1/bananas", 404, 3598),              // unknown path
        new Step(admin, "GET", "/v1/apps/999", 404, 3597),             // unknown resource
        new Step(developer, "GET", "/v1/apps", 200, 3599),             // another key: its own counter
        new Step(developer, "GET", "/v1/users", 403, 3598),            // refused by the role policy
        new Step(developer, "POST", "/v1/bundleIds", 422, 3597),       // invalid body
        new Step(admin, "GET", "/v1/apps?limit=abc", 400, 3596),       // bad parameter
        new Step(admin, "GET", "/v1/territories", 200, 3595),
        new Step(developer, "GET", "/v1/builds", 200, 3596));
    for (Step step : steps) {
      TestServer.Reply r = call(apple, step.method(), step.path(), step.token());
      assertThat(r.status()).as(step + " " + r.body()).isEqualTo(step.status());
      assertThat(r.header(RATE)).as(step.toString()).isEqualTo(header(3600, step.remaining()));
    }
  }

  @Test
  void unauthenticatedRequestsCarryNoHeaderAndCostNothing() {
    TestServer.Key key = apple.createKey("ADMIN", null);
    assertThat(apple.send("GET", "/v1/apps", null, key.token()).header(RATE)).isEqualTo(header(3600, 3599));
    for (String bad : new String[] {key.token() + "x", "not.a.jwt", null}) {
      TestServer.Reply r = apple.send("GET", "/v1/apps", null, bad);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header(RATE)).as("no key is known on a 401").isNull();
    }
    assertThat(apple.send("GET", "/v1/apps", null, key.token()).header(RATE)).isEqualTo(header(3600, 3598));
  }

  @Test
  void theRequestOverTheLimitIsApples429() {
    TestServer.Key key = five.createKey("ADMIN", null);
    for (int i = 1; i <= 5; i++) {
      TestServer.Reply r = five.send("GET", "/v1/apps", null, key.token());
      assertThat(r.status()).as("request " + i).isEqualTo(200);
      assertThat(r.header(RATE)).isEqualTo(header(5, 5 - i));
    }
    TestServer.Reply limited = five.send("GET", "/v1/apps", null, key.token());
    JsonNode e = AppleErrors.onlyError(limited, 429, "id", "status", "code", "title", "detail");
    assertThat(e.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(e.get("status").asText()).isEqualTo("429");
    assertThat(e.get("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(e.get("title").asText()).isEqualTo("The request rate limit has been reached.");
    assertThat(e.get("detail").asText())
        .isEqualTo("We've received too many requests for this API. Please wait and try again or slow down your request rate.");
    assertThat(limited.header(RATE)).isEqualTo(header(5, 0));
    assertThat(limited.header(DIAGNOSIS)).contains(key.keyId()).contains("limit is 5");

    // Refused requests do not count, and an unknown path is refused before routing once over the limit.
    TestServer.Reply again = five.send("GET", "/v1/bananas", null, key.token());
    assertThat(again.status()).isEqualTo(429);
    assertThat(again.header(RATE)).isEqualTo(header(5, 0));

    // Another key of the same team is still served.
    TestServer.Reply other = five.send("GET", "/v1/apps", null, five.createKey("ADMIN", null).token());
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header(RATE)).isEqualTo(header(5, 4));

    // The journal records the refusal with its reason.
    TestServer.Reply journal = five.admin("GET", "/_braeburn/requests?status=429&keyId=" + key.keyId(), null, null);
    assertThat(journal.status()).isEqualTo(200);
    JsonNode entries = journal.json().get("data");
    assertThat(entries).hasSize(2);
    for (JsonNode entry : entries) {
      assertThat(entry.get("status").asInt()).isEqualTo(429);
      assertThat(entry.get("keyId").asText()).isEqualTo(key.keyId());
      assertThat(entry.get("issuerId").asText()).isEqualTo(key.issuerId());
      assertThat(entry.get("errorCode").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
      assertThat(entry.get("diagnosis").asText()).contains("limit is 5");
    }
    assertThat(entries.get(0).get("path").asText()).isEqualTo("/v1/bananas"); // newest first
  }

  @Test
  void aKeysOwnLimitOverridesTheServersUntilReset() {
    TestServer.Reply created = apple.admin("POST", "/_braeburn/keys", "{\"role\":\"ADMIN\",\"type\":\"TEAM\",\"hourlyLimit\":2}", null);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("hourlyLimit").asInt()).isEqualTo(2);
    String keyId = created.json().get("keyId").asText();
    String token = ApiKeyFile.fromPem(keyId, created.json().get("issuerId").asText(), created.json().get("privateKey").asText())
        .token().lifetime(Duration.ofMinutes(10)).build();

    assertThat(apple.send("GET", "/v1/apps", null, token).header(RATE)).isEqualTo(header(2, 1));
    assertThat(apple.send("GET", "/v1/apps", null, token).header(RATE)).isEqualTo(header(2, 0));
    TestServer.Reply limited = apple.send("GET", "/v1/apps", null, token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header(RATE)).isEqualTo(header(2, 0));
    assertThat(limited.header(DIAGNOSIS)).contains("limit is 2");

    // 0: no limit for this key — no header, never 429.
    TestServer.Reply unlimited = apple.admin("PATCH", "/_braeburn/keys/" + keyId, "{\"hourlyLimit\":0}", null);
    assertThat(unlimited.status()).as(unlimited.body()).isEqualTo(200);
    assertThat(unlimited.json().get("hourlyLimit").asInt()).isZero();
    for (int i = 0; i < 10; i++) {
      TestServer.Reply r = apple.send("GET", "/v1/apps", null, token);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header(RATE)).isNull();
    }

    // null: back to the server's limit, with a fresh window.
    TestServer.Reply serverDefault = apple.admin("PATCH", "/_braeburn/keys/" + keyId, "{\"hourlyLimit\":null}", null);
    assertThat(serverDefault.status()).as(serverDefault.body()).isEqualTo(200);
    assertThat(serverDefault.json().get("hourlyLimit").isNull()).isTrue();
    assertThat(apple.send("GET", "/v1/apps", null, token).header(RATE)).isEqualTo(header(3600, 3599));

    // The key list shows the override.
    JsonNode keys = apple.admin("GET", "/_braeburn/keys", null, null).json().get("data");
    List<JsonNode> mine = new ArrayList<>();
    keys.forEach(k -> {
      if (k.get("keyId").asText().equals(keyId)) {
        mine.add(k);
      }
    });
    assertThat(mine).singleElement().satisfies(k -> assertThat(k.get("hourlyLimit").isNull()).isTrue());
  }

  @Test
  void invalidLimitsAreRefused() {
    TestServer.Reply negative = apple.admin("POST", "/_braeburn/keys", "{\"role\":\"ADMIN\",\"type\":\"TEAM\",\"hourlyLimit\":-1}", null);
    assertThat(negative.status()).as(negative.body()).isEqualTo(409);
    assertThat(negative.json().at("/errors/0/source/pointer").asText()).isEqualTo("/hourlyLimit");
    String keyId = apple.createKey("ADMIN", null).keyId();
    for (String body : new String[] {"{\"hourlyLimit\":-1}", "{\"hourlyLimit\":\"many\"}", "{\"hourlyLimit\":1.5}", "{}"}) {
      TestServer.Reply r = apple.admin("PATCH", "/_braeburn/keys/" + keyId, body, null);
      assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(409);
    }
    assertThat(apple.admin("PATCH", "/_braeburn/keys/NOSUCHKEY", "{\"hourlyLimit\":3}", null).status()).isEqualTo(404);
  }

  @Test
  void limitsSwitchedOffServerWide() {
    for (int i = 0; i < 50; i++) {
      TestServer.Reply r = off.get("/v1/apps");
      assertThat(r.status()).as("request " + (i + 1)).isEqualTo(200);
      assertThat(r.header(RATE)).isNull();
    }
    // A key's own limit still applies when the server has none.
    TestServer.Reply created = off.admin("POST", "/_braeburn/keys", "{\"role\":\"DEVELOPER\",\"hourlyLimit\":1}", null);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode k = created.json();
    String token = ApiKeyFile.fromPem(k.get("keyId").asText(), k.get("issuerId").asText(), k.get("privateKey").asText())
        .token().lifetime(Duration.ofMinutes(10)).build();
    assertThat(off.send("GET", "/v1/apps", null, token).header(RATE)).isEqualTo(header(1, 0));
    assertThat(off.send("GET", "/v1/apps", null, token).status()).isEqualTo(429);
  }
}
