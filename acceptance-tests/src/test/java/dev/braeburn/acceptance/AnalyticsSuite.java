package dev.braeburn.acceptance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh demo-seeded server per test with its clock frozen at the next noon Pacific, and the
 * analytics client calls on it. Noon, because processing runs at 06:00 Pacific: a suite started
 * between midnight and 06:00 Pacific would otherwise see "today" not yet processed.
 */
abstract class AnalyticsSuite {
  static final String APP = "1600000001"; // demo seed
  static final String OTHER_APP = "1600000002";

  TestServer server;
  AnalyticsCalls calls;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    TestServer.Reply frozen = server.admin("POST", "/_braeburn/clock/freeze", null, null);
    java.time.ZonedDateTime now = java.time.Instant.parse(frozen.json().path("now").asText()).atZone(AnalyticsCalls.PACIFIC);
    java.time.ZonedDateTime noon = now.toLocalDate().plusDays(1).atTime(12, 0).atZone(AnalyticsCalls.PACIFIC);
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + java.time.Duration.between(now, noon).toSeconds() + "}", null);
    calls = new AnalyticsCalls(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }
}
