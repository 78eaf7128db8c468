package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The suite runs twice, once per store; this makes sure the second run really is on PostgreSQL. */
class StoreUnderTestAcceptanceTest {
  @Test
  void healthNamesTheStoreThisRunIsAbout() throws Exception {
    try (TestServer server = TestServer.start(null)) {
      TestServer.Reply health = server.send("GET", "/_braeburn/health", null, null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("store").asText()).isEqualTo(TestDatabases.postgres() ? "postgres" : "sqlite");
    }
  }
}
