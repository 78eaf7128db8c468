package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The virtual clock through the admin API: frozen, advanced, resumed; resources carry server time;
 * tokens keep following the wall clock, so a client is not locked out after the clock jumps ahead.
 */
class ClockAcceptanceTest {
  static final String APP = "1600000001"; // demo seed

  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JsonNode clock(String method, String action, String body) {
    TestServer.Reply r = server.admin(method, "/_braeburn/clock" + (action == null ? "" : "/" + action), body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aFrozenClockStandsStillAndAdvancesByExactlyWhatIsAsked() {
    JsonNode running = clock("GET", null, null);
    assertThat(running.path("frozen").asBoolean()).isFalse();
    assertThat(Duration.between(Instant.parse(running.path("now").asText()), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));

    Instant frozen = Instant.parse(clock("POST", "freeze", null).path("now").asText());
    assertThat(clock("GET", null, null).path("now").asText()).isEqualTo(frozen.toString());

    JsonNode advanced = clock("POST", "advance", "{\"days\":90,\"hours\":1,\"seconds\":5}");
    assertThat(Instant.parse(advanced.path("now").asText())).isEqualTo(frozen.plus(Duration.ofDays(90)).plusSeconds(3605));
    assertThat(advanced.path("frozen").asBoolean()).isTrue();

    JsonNode resumed = clock("POST", "resume", null);
    assertThat(resumed.path("frozen").asBoolean()).isFalse();
    assertThat(Duration.between(Instant.parse(advanced.path("now").asText()), Instant.parse(resumed.path("now").asText())))
        .isBetween(Duration.ZERO, Duration.ofSeconds(5)); // no jump back to wall time
    assertThat(resumed.path("offsetSeconds").asLong()).isBetween(90L * 86_400 + 3605 - 5, 90L * 86_400 + 3605 + 5);
  }

  @Test
  void resourcesCarryServerTimeWhileTokensFollowTheWallClock() {
    clock("POST", "freeze", null);
    Instant later = Instant.parse(clock("POST", "advance", "{\"days\":30}").path("now").asText());

    TestServer.Reply created = server.send("POST", "/v1/betaGroups", "{\"data\":{\"type\":\"betaGroups\",\"attributes\":{\"name\":\"Later\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}}", server.token());
    assertThat(created.status()).as(created.body()).isEqualTo(201); // a token minted with wall time is still valid
    assertThat(Instant.parse(created.json().path("data").path("attributes").path("createdDate").asText()))
        .isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void theClockOnlyMovesForward() {
    for (String body : new String[] {"{\"seconds\":-1}", "{\"weeks\":1}", "{\"seconds\":1.5}", "{}", "{\"seconds\":\"60\"}"}) {
      TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", body, null);
      assertThat(r.status()).as(body).isEqualTo(409);
      assertThat(r.json().path("errors").get(0).path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    }
    assertThat(server.admin("POST", "/_braeburn/clock/rewind", "{}", null).status()).isEqualTo(404);
  }

  @Test
  void pendingWorkIsListed() {
    TestServer.Reply tasks = server.admin("GET", "/_braeburn/tasks", null, null);
    assertThat(tasks.status()).isEqualTo(200);
    assertThat(tasks.json().path("data").isArray()).isTrue();
    assertThat(tasks.json().path("meta").path("now").asText()).isNotEmpty();
    assertThat(server.admin("GET", "/_braeburn/tasks?limit=0", null, null).status()).isEqualTo(409);
  }
}
