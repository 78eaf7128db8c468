package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection (issue 17, docs/faults.md): rules through {@code /_braeburn/faults} make Braeburn
 * answer as Apple does on a bad day — latency, Apple-format 429/500/503/401, a dropped connection,
 * a truncated body — matched by method, path, team and key, limited by count, window (virtual
 * clock) and seeded probability; journaled and diagnosed; never on admin routes; kept across a
 * restart. Ends with a client with backoff that gets through 429s and 503s, and one without that
 * does not.
 */
class FaultInjectionAcceptanceTest {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void clear() {
    assertThat(server.admin("DELETE", "/_braeburn/faults", null, null).status()).isEqualTo(204);
    server.admin("DELETE", "/_braeburn/requests", null, null);
  }

  static JsonNode add(TestServer on, String rule) {
    TestServer.Reply r = on.admin("POST", "/_braeburn/faults", rule, null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** The newest journal entry of {@code path}. */
  static JsonNode journaled(TestServer on, String path) {
    for (JsonNode e : on.admin("GET", "/_braeburn/requests?limit=50", null, null).json().path("data")) {
      if (e.path("path").asText().equals(path)) {
        return e;
      }
    }
    throw new AssertionError("no journal entry for " + path);
  }

  @Test
  void latencyDelaysTheRealAnswerAndSaysSo() {
    add(server, "{\"id\":\"slow\",\"match\":{\"method\":\"GET\",\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"latency\",\"ms\":150}}");
    long started = System.nanoTime();
    TestServer.Reply r = server.get("/v1/apps");
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(tookMillis).isGreaterThanOrEqualTo(150);
    assertThat(r.header("X-Braeburn-Diagnosis")).startsWith("injected fault slow latency 150 ms");
    JsonNode entry = journaled(server, "/v1/apps");
    assertThat(entry.path("status").asInt()).isEqualTo(200);
    assertThat(entry.path("fault").asText()).isEqualTo("slow latency 150 ms");
    assertThat(entry.path("keyId").asText()).isEqualTo(server.keyId);
  }

  @Test
  void errorsAreApplesOwnForEachApi() {
    add(server, "{\"id\":\"e429\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":429}}");
    add(server, "{\"id\":\"e500\",\"match\":{\"path\":\"/v1/users\"},\"fault\":{\"type\":\"error\",\"status\":500}}");
    add(server, "{\"id\":\"e503\",\"match\":{\"path\":\"/v1/builds\"},\"fault\":{\"type\":\"error\",\"status\":503}}");
    add(server, "{\"id\":\"e401\",\"match\":{\"path\":\"/v1/devices\"},\"fault\":{\"type\":\"error\",\"status\":401}}");
    add(server, "{\"id\":\"s429\",\"match\":{\"path\":\"/inApps/v1/history/*\"},\"fault\":{\"type\":\"error\",\"status\":429}}");
    add(server, "{\"id\":\"s500\",\"match\":{\"path\":\"/inApps/v2/history/**\"},\"fault\":{\"type\":\"error\",\"status\":500}}");

    TestServer.Reply limited = server.get("/v1/apps");
    assertThat(limited.status()).isEqualTo(429);
    JsonNode error = limited.json().path("errors").get(0);
    assertThat(error.path("status").asText()).isEqualTo("429");
    assertThat(error.path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(error.path("title").asText()).isEqualTo("The request rate limit has been reached.");
    assertThat(limited.header("X-Rate-Limit")).isEqualTo("user-hour-lim:3600;user-hour-rem:0;");
    assertThat(limited.header("Content-Type")).isEqualTo("application/json");
    assertThat(limited.header("X-Braeburn-Diagnosis")).startsWith("injected fault e429 error 429");
    JsonNode entry = journaled(server, "/v1/apps");
    assertThat(entry.path("fault").asText()).isEqualTo("e429 error 429");
    assertThat(entry.path("errorCode").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(entry.path("requestId").asText()).isEqualTo(limited.header("X-Request-ID"));

    TestServer.Reply unexpected = server.get("/v1/users");
    assertThat(unexpected.status()).isEqualTo(500);
    assertThat(unexpected.json().path("errors").get(0).path("code").asText()).isEqualTo("UNEXPECTED_ERROR");
    TestServer.Reply unavailable = server.get("/v1/builds");
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.json().path("errors").get(0).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    TestServer.Reply unauthorized = server.get("/v1/devices");
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.json().path("errors").get(0).path("code").asText()).isEqualTo("NOT_AUTHORIZED");
    assertThat(unauthorized.json().path("errors").get(0).has("id")).as("Apple's 401 has no id").isFalse();

    // the App Store Server API's own format: faults come before admission, so any token will do
    TestServer.Reply serverLimited = server.send("GET", "/inApps/v1/history/2000000000000001", null, null);
    assertThat(serverLimited.status()).isEqualTo(429);
    assertThat(serverLimited.json().path("errorCode").asLong()).isEqualTo(4290000);
    assertThat(serverLimited.json().path("errorMessage").asText()).isEqualTo("Rate limit exceeded.");
    assertThat(Long.parseLong(serverLimited.header("Retry-After"))).isGreaterThan(Instant.now().minusSeconds(3600).toEpochMilli());
    TestServer.Reply serverFailed = server.send("GET", "/inApps/v2/history/2000000000000001", null, null);
    assertThat(serverFailed.status()).isEqualTo(500);
    assertThat(serverFailed.json().path("errorCode").asLong()).isEqualTo(5000000);
  }

  @Test
  void aDroppedConnectionEndsWithoutAnAnswerAndOnlyTheJournalTellsIt() throws Exception {
    add(server, "{\"id\":\"gone\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"drop\"}}");
    byte[] answer = raw("GET /v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token() + "\r\n\r\n");
    assertThat(answer).isEmpty();
    JsonNode entry = journaled(server, "/v1/apps");
    assertThat(entry.path("status").asInt()).isZero();
    assertThat(entry.path("fault").asText()).isEqualTo("gone drop");
  }

  @Test
  void aTruncatedAnswerPromisesMoreThanItSends() throws Exception {
    add(server, "{\"id\":\"half\",\"match\":{\"path\":\"/v1/territories\"},\"fault\":{\"type\":\"truncate\"}}");
    String answer = new String(raw("GET /v1/territories?limit=50 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.token()
        + "\r\n\r\n"), StandardCharsets.UTF_8);
    assertThat(answer).startsWith("HTTP/1.1 200");
    int headersEnd = answer.indexOf("\r\n\r\n");
    long declared = answer.substring(0, headersEnd).lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    int received = answer.substring(headersEnd + 4).getBytes(StandardCharsets.UTF_8).length;
    assertThat(declared).isGreaterThan(1000);
    assertThat(received).isEqualTo((int) (declared / 2));
    assertThat(journaled(server, "/v1/territories").path("fault").asText()).isEqualTo("half truncate");
  }

  /** Sends {@code request} on a fresh connection and reads until the server closes it. */
  static byte[] raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        in.transferTo(out);
      } catch (java.net.SocketException reset) {
        // a reset ends the answer as a close does
      }
      return out.toByteArray();
    }
  }

  @Test
  void aCountIsSpentAndTheListingShowsWhatIsLeft() {
    add(server, "{\"id\":\"twice\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":2}");
    assertThat(server.get("/v1/apps").status()).isEqualTo(503);
    JsonNode listed = server.admin("GET", "/_braeburn/faults", null, null).json().path("data").get(0);
    assertThat(listed.path("remaining").asLong()).isEqualTo(1);
    assertThat(server.get("/v1/apps").status()).isEqualTo(503);
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);
    listed = server.admin("GET", "/_braeburn/faults", null, null).json().path("data").get(0);
    assertThat(listed.path("remaining").asLong()).isZero();
    assertThat(listed.path("injected").asLong()).isEqualTo(2);
    assertThat(listed.path("matched").asLong()).isEqualTo(3);
  }

  @Test
  void aWindowFollowsTheVirtualClock() {
    Instant now = Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
    add(server, "{\"id\":\"later\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":500},"
        + "\"window\":{\"from\":\"" + now.plusSeconds(3600) + "\",\"until\":\"" + now.plusSeconds(3 * 3600) + "\"}}");
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);
    server.admin("POST", "/_braeburn/clock/advance", "{\"hours\":2}", null);
    assertThat(server.get("/v1/apps").status()).isEqualTo(500);
    server.admin("POST", "/_braeburn/clock/advance", "{\"hours\":2}", null);
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);
  }

  @Test
  void aSeededProbabilityRepeatsItsSequence() {
    String rule = "{\"id\":\"coin\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},"
        + "\"probability\":0.5,\"seed\":42}";
    add(server, rule);
    List<Integer> first = statuses(20);
    server.admin("DELETE", "/_braeburn/faults/coin", null, null);
    add(server, rule);
    assertThat(statuses(20)).isEqualTo(first);
    assertThat(first).contains(200, 503);
  }

  private static List<Integer> statuses(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(server.get("/v1/apps").status());
    }
    return out;
  }

  @Test
  void rulesMatchOnMethodPathTeamAndKey() {
    TestServer.Key other = server.createKey("ADMIN", null);
    add(server, "{\"id\":\"posts\",\"match\":{\"method\":\"post\",\"path\":\"/v1/bundleIds\"},\"fault\":{\"type\":\"error\",\"status\":500}}");
    add(server, "{\"id\":\"glob\",\"match\":{\"path\":\"/v1/apps/*/builds\"},\"fault\":{\"type\":\"error\",\"status\":503}}");
    add(server, "{\"id\":\"key\",\"match\":{\"path\":\"/v1/users\",\"key\":\"" + other.keyId() + "\"},\"fault\":{\"type\":\"error\",\"status\":429}}");
    add(server, "{\"id\":\"team\",\"match\":{\"path\":\"/v1/devices\",\"team\":\"" + server.issuerId + "\"},\"fault\":{\"type\":\"error\",\"status\":401}}");
    add(server, "{\"id\":\"no-team\",\"match\":{\"path\":\"/v1/profiles\",\"team\":\"00000000-0000-0000-0000-000000000000\"},"
        + "\"fault\":{\"type\":\"error\",\"status\":401}}");

    assertThat(server.get("/v1/bundleIds").status()).isEqualTo(200);
    assertThat(server.send("POST", "/v1/bundleIds", "{}").status()).isEqualTo(500);
    assertThat(server.get("/v1/apps/123/builds").status()).isEqualTo(503);
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);
    assertThat(server.get("/v1/users").status()).isEqualTo(200);
    assertThat(server.send("GET", "/v1/users", null, other.token()).status()).isEqualTo(429);
    assertThat(server.get("/v1/devices").status()).isEqualTo(401);
    assertThat(server.get("/v1/profiles").status()).isEqualTo(200);
  }

  @Test
  void adminRoutesAreNeverFaulted() {
    add(server, "{\"id\":\"everything\",\"match\":{\"path\":\"/**\"},\"fault\":{\"type\":\"error\",\"status\":503}}");
    assertThat(server.get("/v1/apps").status()).isEqualTo(503);
    assertThat(server.admin("GET", "/_braeburn/faults", null, null).status()).isEqualTo(200);
    assertThat(server.admin("DELETE", "/_braeburn/faults/everything", null, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/apps").status()).isEqualTo(200);
  }

  @Test
  void invalidRulesAreRefusedWithTheirPointer() {
    record Case(String rule, String pointer) {}
    for (Case c : List.of(
        new Case("{\"fault\":{\"type\":\"error\",\"status\":404}}", "/fault/status"),
        new Case("{\"fault\":{\"type\":\"latency\"}}", "/fault/ms"),
        new Case("{\"fault\":{\"type\":\"explode\"}}", "/fault/type"),
        new Case("{\"match\":{\"path\":\"v1/apps\"},\"fault\":{\"type\":\"drop\"}}", "/match/path"),
        new Case("{\"fault\":{\"type\":\"drop\"},\"probability\":2}", "/probability"),
        new Case("{\"fault\":{\"type\":\"drop\"},\"count\":0}", "/count"),
        new Case("{\"fault\":{\"type\":\"drop\"},\"window\":{\"from\":\"tomorrow\"}}", "/window/from"),
        new Case("{\"fault\":{\"type\":\"drop\"},\"colour\":\"red\"}", "/colour"),
        new Case("{\"match\":{}}", "/fault"))) {
      TestServer.Reply r = server.admin("POST", "/_braeburn/faults", c.rule(), null);
      assertThat(r.status()).as(c.rule()).isEqualTo(409);
      assertThat(r.json().path("errors").get(0).path("source").path("pointer").asText()).as(c.rule()).isEqualTo(c.pointer());
    }
    add(server, "{\"id\":\"dup\",\"fault\":{\"type\":\"drop\"},\"match\":{\"path\":\"/nowhere\"}}");
    assertThat(server.admin("POST", "/_braeburn/faults", "{\"id\":\"dup\",\"fault\":{\"type\":\"drop\"}}", null).status()).isEqualTo(409);
    assertThat(server.admin("DELETE", "/_braeburn/faults/nope", null, null).status()).isEqualTo(404);
  }

  @Test
  void rulesSurviveARestart() throws Exception {
    TestServer own = TestServer.start(null);
    try {
      add(own, "{\"id\":\"kept\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":3}");
      assertThat(own.get("/v1/apps").status()).isEqualTo(503);
      own = own.restart();
      JsonNode listed = own.admin("GET", "/_braeburn/faults", null, null).json().path("data");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("remaining").asLong()).isEqualTo(2);
      assertThat(own.get("/v1/apps").status()).isEqualTo(503);
      assertThat(own.get("/v1/apps").status()).isEqualTo(503);
      assertThat(own.get("/v1/apps").status()).isEqualTo(200);
    } finally {
      own.close();
    }
  }

  /**
   * The retry test of issue 17: Apple answers two 429s and then two 503s. A client that backs off
   * exponentially (as fastlane does for 429 and 5xx, protocol.md §3) gets its answer on the fifth
   * try; a client without retries fails on the first.
   */
  @Test
  void aClientWithBackoffGetsThroughInjected429sAnd503s() throws Exception {
    add(server, "{\"id\":\"limited\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":429},\"count\":2}");
    add(server, "{\"id\":\"down\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":2}");
    assertThat(new BackoffClient(1).get("/v1/apps").status()).as("no retries").isEqualTo(429);
    server.admin("DELETE", "/_braeburn/faults", null, null);
    add(server, "{\"id\":\"limited\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":429},\"count\":2}");
    add(server, "{\"id\":\"down\",\"match\":{\"path\":\"/v1/apps\"},\"fault\":{\"type\":\"error\",\"status\":503},\"count\":2}");
    BackoffClient patient = new BackoffClient(6);
    TestServer.Reply r = patient.get("/v1/apps");
    assertThat(r.status()).isEqualTo(200);
    assertThat(patient.attempts).containsExactly(429, 429, 503, 503, 200);
  }

  /** A minimal client that retries 429 and 5xx with exponential backoff (5 ms, 10 ms, 20 ms …; a real one starts at a second). */
  static final class BackoffClient {
    final int maxAttempts;
    final List<Integer> attempts = new ArrayList<>();

    BackoffClient(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    TestServer.Reply get(String path) throws InterruptedException {
      long delay = 5;
      while (true) {
        TestServer.Reply r = server.get(path);
        attempts.add(r.status());
        boolean retryable = r.status() == 429 || r.status() >= 500;
        if (!retryable || attempts.size() >= maxAttempts) {
          return r;
        }
        Thread.sleep(delay); // the client's backoff, what this test is about; the server is never waited on
        delay *= 2;
      }
    }
  }
}
