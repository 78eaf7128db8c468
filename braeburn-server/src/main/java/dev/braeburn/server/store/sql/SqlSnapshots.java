package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQL of snapshots: a team's or the whole server's state read in one consistent transaction,
 * and replaced in one write transaction (the rows themselves go in through {@link SqlStateImport}).
 * Works on one connection of the store's pools; the caller closes it.
 */
final class SqlSnapshots {
  /** Rows PostgreSQL sends per round trip while streaming; without a fetch size it buffers them all. */
  private static final int FETCH_SIZE = 1000;

  private final Connection conn;
  private final Dialect dialect;

  SqlSnapshots(Connection conn, Dialect dialect) {
    this.conn = conn;
    this.dialect = dialect;
  }

  /** Streams one team's (or, with null, every team's) rows into {@code sink}, in the order of {@link StateSink}. */
  void export(String issuerId, StateSink sink) throws SQLException {
    // PostgreSQL's READ COMMITTED gives every statement its own snapshot: four queries could see
    // four states while other instances write. REPEATABLE READ gives the transaction one. On
    // SQLite a read transaction is a single WAL snapshot already.
    boolean postgres = dialect instanceof PostgresDialect;
    int isolation = postgres ? conn.getTransactionIsolation() : Connection.TRANSACTION_NONE;
    if (postgres) {
      conn.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
    try {
      stream(scoped("SELECT issuer_id, name, created_at, agreements_missing, team_id, program_membership FROM teams", "issuer_id", issuerId)
              .sql(order(postgres, "created_at", "issuer_id")),
          rs -> sink.team(new Team(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getInt(4) != 0, rs.getString(5), rs.getString(6))));
      stream(scoped("SELECT key_id, issuer_id, name, role, key_type, public_key, created_at, revoked_at, hourly_limit FROM api_keys",
              "issuer_id", issuerId).sql(order(postgres, "created_at", "key_id")),
          rs -> sink.key(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split(",")),
              rs.getString(5), rs.getString(6), Instant.parse(rs.getString(7)), instant(rs.getString(8)),
              rs.getObject(9) == null ? null : rs.getInt(9))));
      stream(scoped("SELECT team_id, type, id, attributes, created_at, updated_at FROM resources", "team_id", issuerId)
              .sql(" ORDER BY seq"),
          rs -> sink.resource(new StoredResource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)))));
      stream(scoped("SELECT team_id, src_type, src_id, rel, dst_type, dst_id FROM links", "team_id", issuerId)
              .sql(order(postgres, "team_id", "src_type", "src_id", "rel")).sql(", dst_seq"),
          rs -> sink.link(new StoredLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6))));
      stream(scoped("SELECT team_id, kind, due_at, payload, attempt FROM scheduled_tasks", "team_id", issuerId)
              .sql(" ORDER BY due_at, id"),
          rs -> sink.task(new StoredTask(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(5),
              rs.getString(4))));
      conn.commit();
    } catch (SQLException | RuntimeException | Error e) {
      conn.rollback();
      throw e;
    } finally {
      if (postgres) {
        conn.setTransactionIsolation(isolation);
      }
    }
  }

  /**
   * Replaces one team's (or, with null, the whole server's) state by the rows {@code rows} feeds,
   * in one transaction that either commits all of them or rolls back to the state before; with a
   * {@code certificateAuthority} document, Braeburn's authority is replaced in it too (null: kept).
   */
  void replace(String issuerId, String certificateAuthority, Consumer<StateSink> rows) throws SQLException {
    try {
      lock(issuerId);
      if (issuerId == null) {
        for (String table : List.of("scheduled_tasks", "links", "resources", "api_keys", "teams")) {
          execute(new SqlBuilder().sql("DELETE FROM " + table));
        }
      } else {
        execute(new SqlBuilder().sql("DELETE FROM scheduled_tasks WHERE team_id = ?", issuerId));
        execute(new SqlBuilder().sql("DELETE FROM links WHERE team_id = ?", issuerId));
        execute(new SqlBuilder().sql("DELETE FROM resources WHERE team_id = ?", issuerId));
        execute(new SqlBuilder().sql("DELETE FROM api_keys WHERE issuer_id = ?", issuerId));
      }
      SqlStateImport target = new SqlStateImport(conn, dialect, issuerId);
      rows.accept(target);
      target.finish();
      if (certificateAuthority != null) {
        execute(new SqlBuilder().sql("INSERT INTO certificate_authority (id, document, created_at) VALUES (1, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET document = excluded.document, created_at = excluded.created_at",
            certificateAuthority, java.time.Instant.now().toString()));
      }
      SqlBuilder notify = dialect.changed(ChangeListener.ACCOUNTS);
      if (notify != null) {
        execute(notify); // delivered at commit, to every instance on the database
      }
      conn.commit();
    } catch (SQLException | RuntimeException | Error e) {
      conn.rollback();
      throw e;
    }
  }

  /**
   * On PostgreSQL, the locks every writer of the replaced state takes: the accounts lock (teams and
   * keys change; {@code SqlStore.accountWrite} holds it too), then each affected team's, in a
   * fixed order so that two loads cannot deadlock. A server load thus waits for every running
   * write and blocks new ones until it commits. On SQLite the one writer connection serialises.
   */
  private void lock(String issuerId) throws SQLException {
    SqlBuilder accounts = dialect.writeLock("");
    if (accounts == null) {
      return;
    }
    query(accounts);
    List<String> teams = new ArrayList<>();
    if (issuerId != null) {
      teams.add(issuerId);
    } else {
      stream(new SqlBuilder().sql("SELECT issuer_id FROM teams ORDER BY issuer_id"), rs -> teams.add(rs.getString(1)));
    }
    for (String team : teams) {
      query(dialect.writeLock(team));
    }
  }

  private static SqlBuilder scoped(String select, String teamColumn, String issuerId) {
    SqlBuilder b = new SqlBuilder().sql(select);
    return issuerId == null ? b : b.sql(" WHERE " + teamColumn + " = ?", issuerId);
  }

  /**
   * Text in byte order on both stores (SQLite's BINARY; PostgreSQL's "C" rather than the database's
   * locale): the same state gives the same document, whichever store it was saved from.
   */
  private static String order(boolean postgres, String... columns) {
    StringBuilder out = new StringBuilder(" ORDER BY ");
    for (int i = 0; i < columns.length; i++) {
      out.append(i == 0 ? "" : ", ").append(columns[i]).append(postgres ? " COLLATE \"C\"" : "");
    }
    return out.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  private void stream(SqlBuilder b, RowConsumer row) throws SQLException {
    try (PreparedStatement ps = SqlStateImport.prepare(conn, b)) {
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    }
  }

  private void query(SqlBuilder b) throws SQLException {
    stream(b, rs -> {});
  }

  private void execute(SqlBuilder b) throws SQLException {
    try (PreparedStatement ps = SqlStateImport.prepare(conn, b)) {
      ps.execute();
    }
  }
}
