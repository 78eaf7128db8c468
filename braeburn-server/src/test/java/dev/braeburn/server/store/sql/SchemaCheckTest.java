package dev.braeburn.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart skips Flyway only on a database that has every migration of this build, all successful. */
class SchemaCheckTest {
  @TempDir Path dir;

  @Test
  void theLatestMigrationIsTheHighestSqliteMigrationFile() throws Exception {
    URL folder = SchemaCheckTest.class.getResource("/db/migration/sqlite");
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      int highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
      assertThat(SchemaCheck.SQLITE_LATEST_MIGRATION).isEqualTo(highest);
    }
  }

  @Test
  void aNewDatabaseIsNotCurrentAMigratedOneIsAndAFailedMigrationIsNot() throws Exception {
    try (HikariDataSource empty = pool()) {
      assertThat(SchemaCheck.current(empty, SchemaCheck.SQLITE_LATEST_MIGRATION)).isFalse();
    }
    SqlStore.sqlite(dir, new ObjectMapper(), Clock.systemUTC()).close();
    try (HikariDataSource migrated = pool()) {
      assertThat(SchemaCheck.current(migrated, SchemaCheck.SQLITE_LATEST_MIGRATION)).isTrue();
      assertThat(SchemaCheck.current(migrated, SchemaCheck.SQLITE_LATEST_MIGRATION + 1)).isFalse();
      try (Connection c = migrated.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '1'");
        c.commit();
      }
      assertThat(SchemaCheck.current(migrated, SchemaCheck.SQLITE_LATEST_MIGRATION)).isFalse();
    }
  }

  private HikariDataSource pool() {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl("jdbc:sqlite:" + dir.resolve("braeburn.db"));
    ds.setAutoCommit(false);
    ds.setMaximumPoolSize(1);
    return ds;
  }
}
