package dev.braeburn.acceptance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the sales and finance suites start from: a demo-seeded server on a frozen clock, and the first team's vendor number. */
abstract class SalesSuite {
  SalesCalls calls;
  TestServer server;
  String vendor;

  @BeforeEach
  void startFrozenDemo() throws Exception {
    calls = new SalesCalls(TestServer.start("demo"));
    calls.freeze();
    server = calls.server;
    vendor = calls.vendor(null);
  }

  @AfterEach
  void stop() throws Exception {
    calls.close();
  }
}
