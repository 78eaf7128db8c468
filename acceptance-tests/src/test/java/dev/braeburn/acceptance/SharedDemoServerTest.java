package dev.braeburn.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One demo server for all tests of a class, for suites whose tests do not disturb each other (each makes its own resources). */
abstract class SharedDemoServerTest {
  static TestServer server;

  @BeforeAll
  static void startSharedDemoServer() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterAll
  static void stopSharedDemoServer() throws Exception {
    server.close();
  }
}
