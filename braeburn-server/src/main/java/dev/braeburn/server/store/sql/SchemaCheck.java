package dev.braeburn.server.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a database already has every migration this build carries, read from Flyway's own
 * history table in one query. A restart on such a database skips Flyway: its start, the scan of the
 * jar for migrations and their validation were the largest part of opening the store
 * (docs/benchmarks.md §2). Anything else (no history yet, a failed migration, an older or a newer
 * schema) goes through Flyway as before, which migrates or reports.
 */
final class SchemaCheck {
  /** The highest {@code V<n>__*.sql} under db/migration/sqlite; SchemaCheckTest keeps the two in step. */
  static final int SQLITE_LATEST_MIGRATION = 8;

  private SchemaCheck() {}

  static boolean current(DataSource ds, int latestMigration) {
    try (Connection conn = ds.getConnection()) {
      try (Statement s = conn.createStatement();
          ResultSet r = s.executeQuery("SELECT MAX(CAST(version AS INTEGER)), SUM(CASE WHEN success THEN 0 ELSE 1 END), COUNT(*)"
              + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
        return r.next() && r.getInt(3) == latestMigration && r.getInt(1) == latestMigration && r.getInt(2) == 0;
      } finally {
        conn.rollback();
      }
    } catch (SQLException e) {
      return false; // no history table: a new database
    }
  }
}
