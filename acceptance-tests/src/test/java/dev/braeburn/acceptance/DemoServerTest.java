package dev.braeburn.acceptance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A suite whose every test gets a fresh server with the demo seed (rate limits off), closed after it. */
abstract class DemoServerTest {
  TestServer server;

  @BeforeEach
  void startDemoServer() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterEach
  void stopDemoServer() throws Exception {
    server.close();
  }
}
