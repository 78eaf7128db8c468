package dev.braeburn.acceptance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh demo-seeded server per test with its clock frozen, and the analytics client calls on it. */
abstract class AnalyticsSuite {
  static final String APP = "1600000001"; // demo seed
  static final String OTHER_APP = "1600000002";

  TestServer server;
  AnalyticsCalls calls;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    calls = new AnalyticsCalls(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }
}
