package dev.braeburn.server.store.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.auth.RateLimiter;
import dev.braeburn.server.auth.RateLimiterContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rolling hour counted in PostgreSQL (bb_rate_acquire, migration V4), on a real server. */
class SharedRateLimiterTest extends RateLimiterContract {
  static EmbeddedPostgres postgres;
  static SqlStore store;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    store = SqlStore.postgres(postgres.getJdbcUrl("postgres", "postgres"), new ObjectMapper(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
    postgres.close();
  }

  @Override
  protected RateLimiter limiter() {
    RateLimiter limiter = store.rateLimiter();
    if (!(limiter instanceof SharedRateLimiter)) {
      throw new IllegalStateException("a PostgreSQL store must count in the database");
    }
    return limiter;
  }
}
