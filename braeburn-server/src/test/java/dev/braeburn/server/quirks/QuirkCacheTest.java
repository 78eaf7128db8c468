package dev.braeburn.server.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.sql.SqlStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cached quirk switches never outlive a change: a save, a reset of the team's resources, a
 * snapshot load, or (PostgreSQL) a save through another instance on the same database; and a read
 * from a transaction older than a change is not kept.
 */
class QuirkCacheTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String QUIRK = QuirkCatalogue.UNDOCUMENTED_VALUES;
  static EmbeddedPostgres postgres;
  static SqlStore sqlite;
  static SqlStore pgA;
  static SqlStore pgB;

  @BeforeAll
  static void start() throws Exception {
    sqlite = SqlStore.sqlite(Files.createTempDirectory("braeburn-quirk-cache"), JSON, Clock.systemUTC());
    postgres = EmbeddedPostgres.builder().start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    pgA = SqlStore.postgres(url, JSON, Clock.systemUTC());
    pgB = SqlStore.postgres(url, JSON, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    sqlite.close();
    pgA.close();
    pgB.close();
    postgres.close();
  }

  private static TeamQuirks read(SqlStore store, QuirkCache cache, String team) {
    long stamp = cache.stamp();
    return store.read(team, tx -> cache.of(tx, stamp));
  }

  private static void switchOn(SqlStore store, String team, boolean on) {
    store.write(team, tx -> {
      TeamQuirks now = QuirkStore.of(tx);
      QuirkStore.save(tx, on ? now.with(QUIRK, JSON.createObjectNode().put("enabled", true)) : now.without(QUIRK));
      return null;
    });
  }

  /** Writes the switches behind the cache's back (no announcement): what the cache then answers shows whether it read the store. */
  private static void writeUnannounced(SqlStore store, String team, boolean on) {
    ObjectNode settings = JSON.createObjectNode();
    if (on) {
      settings.putObject(QUIRK).put("enabled", true);
    }
    store.write(team, tx -> {
      tx.find(QuirkStore.TYPE, "quirks").ifPresentOrElse(r -> tx.updateAttributes(r, settings), () -> tx.insert(QuirkStore.TYPE, "quirks",
          settings));
      return null;
    });
  }

  @Test
  void aSaveDropsTheCachedSwitches() {
    sqlite.createTeam("t-save", "t-save");
    QuirkCache cache = new QuirkCache(sqlite);
    assertThat(read(sqlite, cache, "t-save").on(QUIRK)).isFalse();
    writeUnannounced(sqlite, "t-save", true);
    assertThat(read(sqlite, cache, "t-save").on(QUIRK)).as("served from memory").isFalse();
    switchOn(sqlite, "t-save", true);
    assertThat(read(sqlite, cache, "t-save").on(QUIRK)).isTrue();
    switchOn(sqlite, "t-save", false);
    assertThat(read(sqlite, cache, "t-save").on(QUIRK)).isFalse();
  }

  @Test
  void aResetOfTheTeamsResourcesDropsThem() {
    sqlite.createTeam("t-reset", "t-reset");
    QuirkCache cache = new QuirkCache(sqlite);
    switchOn(sqlite, "t-reset", true);
    assertThat(read(sqlite, cache, "t-reset").on(QUIRK)).isTrue();
    sqlite.deleteResources("t-reset");
    assertThat(read(sqlite, cache, "t-reset").on(QUIRK)).isFalse();
  }

  @Test
  void aReadFromBeforeAChangeIsNotKept() {
    sqlite.createTeam("t-stamp", "t-stamp");
    QuirkCache cache = new QuirkCache(sqlite);
    long stamp = cache.stamp(); // a request began ...
    switchOn(sqlite, "t-stamp", true); // ... a change committed ...
    sqlite.read("t-stamp", tx -> cache.of(tx, stamp)); // ... and the request read afterwards: not kept
    writeUnannounced(sqlite, "t-stamp", false);
    assertThat(read(sqlite, cache, "t-stamp").on(QUIRK)).as("read from the store again").isFalse();
  }

  @Test
  void aSaveThroughAnotherInstanceReachesThisOnesCache() throws Exception {
    pgA.createTeam("t-shared", "t-shared");
    QuirkCache cacheB = new QuirkCache(pgB);
    assertThat(read(pgB, cacheB, "t-shared").on(QUIRK)).isFalse();
    switchOn(pgA, "t-shared", true);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!read(pgB, cacheB, "t-shared").on(QUIRK) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(read(pgB, cacheB, "t-shared").on(QUIRK)).isTrue();
  }
}
