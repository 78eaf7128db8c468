package dev.braeburn.server.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per physical connection and reused across transactions. SQLite's driver
 * compiles the SQL and reads every column name on each {@code prepareStatement}, about a tenth of a
 * cached {@code GET /v1/apps/{id}} (benchmarks §4); PostgreSQL's driver caches server-side plans
 * itself, so only SQLite uses this. A connection's statements are used by the one thread holding the
 * connection; they go with it when the pool closes it (weak keys).
 */
final class StatementCache {
  /** Statements per connection; the SQL texts repeat except for IN lists of varying length. */
  private static final int PER_CONNECTION = 256;

  private final Map<Connection, Map<String, PreparedStatement>> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

  /** A ready statement for {@code sql} on {@code physical} (the pool's delegate, not its proxy). */
  PreparedStatement get(Connection physical, String sql) throws SQLException {
    Map<String, PreparedStatement> statements = byConnection.computeIfAbsent(physical, c -> new Lru());
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = physical.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
    Lru() {
      super(64, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      try {
        eldest.getValue().close();
      } catch (SQLException ignored) {
        // the statement is dropped either way
      }
      return true;
    }
  }
}
