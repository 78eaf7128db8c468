package dev.braeburn.server.store.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braeburn.server.auth.RateLimiter;
import dev.braeburn.server.auth.RollingHourLimiter;
import dev.braeburn.server.journal.MemoryJournal;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.clock.ClockSetting;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * The SQL store. On SQLite it keeps one writer connection (writes queue in Java instead of
 * spinning on SQLite's lock) and a few readers; WAL lets readers run beside the writer. With
 * {@code synchronous=NORMAL} in WAL mode a committed transaction survives a crash of the process
 * ({@code kill -9}); only power loss can take the last commits, which a sandbox accepts.
 */
public final class SqlStore implements Store {
  private final HikariDataSource writer;
  private final HikariDataSource reader;
  private final Dialect dialect;
  private final ObjectMapper mapper;
  private final Clock clock;
  private ChangeListener changeListener;
  private final List<Runnable> workScheduled = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Told synchronously after a snapshot load: a NOTIFY reaches this instance's own listener only later. */
  private final List<Runnable> localAccountListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** PostgreSQL only: connections for shared per-request state (rate counts, journal) that need no durable commit. */
  private HikariDataSource counters;
  /** SQLite only (see {@link StatementCache}); null on PostgreSQL. */
  private final StatementCache statements;
  /** SQLite only: the directory of {@code braeburn.db}, where {@link #copyDatabase} puts its copies; null on PostgreSQL. */
  private Path sqliteDir;

  private SqlStore(HikariDataSource writer, HikariDataSource reader, Dialect dialect, ObjectMapper mapper, Clock clock) {
    this.writer = writer;
    this.reader = reader;
    this.dialect = dialect;
    this.mapper = mapper;
    this.clock = clock;
    this.statements = dialect instanceof SqliteDialect ? new StatementCache() : null;
  }

  /** Opens (creating and migrating if needed) the SQLite database {@code braeburn.db} in a directory. */
  public static SqlStore sqlite(Path dataDir, ObjectMapper mapper, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create data directory " + dataDir, e);
    }
    String url = "jdbc:sqlite:" + dataDir.resolve("braeburn.db").toAbsolutePath();
    HikariDataSource writer = sqlitePool(url, "braeburn-writer", 1, "IMMEDIATE");
    SqliteDialect dialect = new SqliteDialect();
    if (!SchemaCheck.current(writer, SchemaCheck.SQLITE_LATEST_MIGRATION)) {
      migrate(writer, dialect);
    }
    HikariDataSource reader = sqlitePool(url, "braeburn-reader", 4, "DEFERRED");
    SqlStore store = new SqlStore(writer, reader, dialect, mapper, clock);
    store.sqliteDir = dataDir;
    return store;
  }

  /**
   * Opens (migrating if needed) a PostgreSQL database for shared deployments: several Braeburn
   * instances may use it at once. Writers of a team are serialised by an advisory lock ({@link
   * PostgresDialect#writeLock}); reads run in READ COMMITTED beside them.
   */
  public static SqlStore postgres(String jdbcUrl, ObjectMapper mapper, Clock clock) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException("--store postgres needs --jdbc-url jdbc:postgresql://host:port/database?user=…&password=…", null);
    }
    PostgresDialect dialect = new PostgresDialect();
    HikariDataSource writer = postgresPool(jdbcUrl, "braeburn-writer", 8);
    migrate(writer, dialect);
    HikariDataSource reader = postgresPool(jdbcUrl, "braeburn-reader", 8);
    SqlStore store = new SqlStore(writer, reader, dialect, mapper, clock);
    store.changeListener = ChangeListener.start(jdbcUrl);
    store.counters = countersPool(jdbcUrl);
    return store;
  }

  private static HikariDataSource postgresPool(String url, String name, int size) {
    HikariConfig config = poolConfig(url, name, size);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(config);
  }

  /**
   * Autocommit connections whose commits do not wait for the WAL flush ({@code synchronous_commit
   * = off}): a crash may forget the last rate counts or journal lines, never resources.
   */
  private static HikariDataSource countersPool(String url) {
    HikariConfig config = poolConfig(url, "braeburn-counters", 8);
    config.setAutoCommit(true);
    config.setConnectionInitSql("SET synchronous_commit = off");
    return new HikariDataSource(config);
  }

  /** What every pool shares: one name per role, explicit transactions, one warm connection. */
  private static HikariConfig poolConfig(String url, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    return config;
  }

  private static HikariDataSource sqlitePool(String url, String name, int size, String transactionMode) {
    HikariConfig config = poolConfig(url, name, size);
    Properties props = new Properties();
    props.setProperty("journal_mode", "WAL");
    props.setProperty("synchronous", "NORMAL");
    props.setProperty("busy_timeout", "10000");
    props.setProperty("foreign_keys", "true");
    props.setProperty("transaction_mode", transactionMode);
    props.setProperty("cache_size", "-32000");
    props.setProperty("temp_store", "MEMORY");
    config.setDataSourceProperties(props);
    return new HikariDataSource(config);
  }

  private static void migrate(HikariDataSource ds, Dialect dialect) {
    Flyway.configure()
        .dataSource(ds)
        .locations(dialect.migrations())
        .loggers("slf4j")
        .load()
        .migrate();
  }

  @Override
  public <T> T read(String teamId, Function<StoreTx, T> work) {
    return inTransaction(reader, teamId, work);
  }

  @Override
  public <T> T write(String teamId, Function<StoreTx, T> work) {
    return inTransaction(writer, teamId, work);
  }

  private <T> T inTransaction(HikariDataSource ds, String teamId, Function<StoreTx, T> work) {
    try (Connection conn = ds.getConnection()) {
      try {
        SqlStoreTx tx = new SqlStoreTx(conn, dialect, teamId, mapper, clock, statements);
        SqlBuilder lock = ds == writer ? dialect.writeLock(teamId) : null;
        if (lock != null) {
          tx.query(lock, rs -> null);
        }
        T result = work.apply(tx);
        conn.commit();
        if (tx.changedQuirks()) {
          localQuirkListeners.forEach(Runnable::run);
        }
        if (tx.scheduledWork()) {
          workScheduled.forEach(Runnable::run); // e.g. a webhook delivery due now goes out at once, not at the next poll
        }
        return result;
      } catch (RuntimeException | Error e) {
        conn.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public Team createTeam(String issuerId, String name) {
    Instant now = clock.instant();
    String teamId = Team.newTeamId();
    accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "INSERT INTO teams (issuer_id, name, created_at, team_id) VALUES (?, ?, ?, ?)", issuerId, name, now.toString(), teamId)));
    return new Team(issuerId, name, now, false, teamId, Team.ACTIVE);
  }

  @Override
  public Optional<Team> team(String issuerId) {
    return teamsWhere(new SqlBuilder().sql(" WHERE issuer_id = ?", issuerId)).stream().findFirst();
  }

  @Override
  public List<Team> teams() {
    return teamsWhere(new SqlBuilder().sql(" ORDER BY created_at"));
  }

  private List<Team> teamsWhere(SqlBuilder where) {
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(
        new SqlBuilder().sql("SELECT issuer_id, name, created_at, agreements_missing, team_id, program_membership FROM teams").append(where),
        rs -> new Team(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getInt(4) != 0, rs.getString(5), rs.getString(6))));
  }

  @Override
  public void saveKey(ApiKey key) {
    accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "INSERT INTO api_keys (key_id, issuer_id, name, role, key_type, public_key, created_at, revoked_at, hourly_limit)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key.keyId(), key.issuerId(), key.name(), String.join(",", key.roles()), key.keyType(), key.publicKey(),
        key.createdAt().toString(), key.revokedAt() == null ? null : key.revokedAt().toString(), key.hourlyLimit())));
  }

  @Override
  public Optional<ApiKey> key(String keyId) {
    return keysWhere(new SqlBuilder().sql(" WHERE key_id = ?", keyId)).stream().findFirst();
  }

  @Override
  public List<ApiKey> keys(String issuerId) {
    return keysWhere(new SqlBuilder().sql(" WHERE issuer_id = ? ORDER BY created_at", issuerId));
  }

  private List<ApiKey> keysWhere(SqlBuilder where) {
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(
        new SqlBuilder().sql("SELECT key_id, issuer_id, name, role, key_type, public_key, created_at, revoked_at, hourly_limit FROM api_keys")
            .append(where),
        rs -> new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split(",")), rs.getString(5),
            rs.getString(6), Instant.parse(rs.getString(7)), rs.getString(8) == null ? null : Instant.parse(rs.getString(8)),
            rs.getObject(9) == null ? null : rs.getInt(9))));
  }

  @Override
  public boolean revokeKey(String keyId) {
    return accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", clock.instant().toString(), keyId))) > 0;
  }

  @Override
  public boolean setKeyHourlyLimit(String keyId, Integer hourlyLimit) {
    return accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "UPDATE api_keys SET hourly_limit = ? WHERE key_id = ?", hourlyLimit, keyId))) > 0;
  }

  @Override
  public boolean setAgreementsMissing(String issuerId, boolean missing) {
    return accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "UPDATE teams SET agreements_missing = ? WHERE issuer_id = ?", missing ? 1 : 0, issuerId))) > 0;
  }

  @Override
  public boolean setProgramMembership(String issuerId, String membership) {
    return accountWrite(tx -> tx.update(new SqlBuilder().sql(
        "UPDATE teams SET program_membership = ? WHERE issuer_id = ?", membership, issuerId))) > 0;
  }

  @Override
  public void deleteResources(String issuerId) {
    inTransaction(writer, issuerId, tx -> {
      SqlStoreTx sql = (SqlStoreTx) tx;
      sql.update(new SqlBuilder().sql("DELETE FROM links WHERE team_id = ?", issuerId));
      sql.update(new SqlBuilder().sql("DELETE FROM resources WHERE team_id = ?", issuerId));
      sql.quirksChanged(); // the team's quirk switches went with its resources
      return null;
    });
  }

  /**
   * A change to teams or keys: committed together with a notification to every instance sharing
   * the database, whose caches (revocation, agreements, limits) must not outlive it.
   */
  private <T> T accountWrite(Function<SqlStoreTx, T> work) {
    return inTransaction(writer, "", tx -> {
      T result = work.apply((SqlStoreTx) tx);
      SqlBuilder notify = dialect.changed(ChangeListener.ACCOUNTS);
      if (notify != null) {
        ((SqlStoreTx) tx).update(notify);
      }
      return result;
    });
  }

  /**
   * Each key's rolling hour: in this process's memory on SQLite (one process owns the file), in the
   * database on PostgreSQL so every instance counts against the same hour.
   */
  public RateLimiter rateLimiter() {
    return counters == null ? new RollingHourLimiter() : new SharedRateLimiter(counters);
  }

  /** The request journal: in memory on SQLite, in the database (shared by every instance) on PostgreSQL. */
  public RequestJournal journal(int capacity) {
    return counters == null ? new MemoryJournal(capacity) : new SqlJournal(counters, capacity);
  }

  @Override
  public void onAccountsChanged(Runnable listener) {
    localAccountListeners.add(listener);
    if (changeListener != null) {
      changeListener.add(ChangeListener.ACCOUNTS, listener);
    }
  }

  @Override
  public void exportState(String issuerId, dev.braeburn.server.store.StateSink sink) {
    try (Connection conn = reader.getConnection()) {
      new SqlSnapshots(conn, dialect).export(issuerId, sink);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public void importState(String issuerId, String certificateAuthority,
      java.util.function.Consumer<dev.braeburn.server.store.StateSink> rows) {
    try (Connection conn = writer.getConnection()) {
      new SqlSnapshots(conn, dialect).replace(issuerId, certificateAuthority, rows);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    localAccountListeners.forEach(Runnable::run);
  }

  /**
   * SQLite: a page copy of the database file ({@link SqliteCopy}). After a restore this instance's
   * account and fault-rule listeners hear of it, as after {@link #importState} and a fault-rule
   * change: the copy replaces teams, keys and fault rules alike. PostgreSQL: none.
   */
  @Override
  public Optional<dev.braeburn.server.store.DatabaseCopy> copyDatabase() {
    if (sqliteDir == null) {
      return Optional.empty();
    }
    return Optional.of(SqliteCopy.take(writer, sqliteDir, () -> {
      localAccountListeners.forEach(Runnable::run);
      localFaultListeners.forEach(Runnable::run);
    }));
  }

  @Override
  public ClockSetting clockSetting() {
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(
            new SqlBuilder().sql("SELECT offset_millis, frozen_at FROM clock_state WHERE id = 1"),
            rs -> new ClockSetting(Duration.ofMillis(rs.getLong(1)), rs.getString(2) == null ? null : Instant.parse(rs.getString(2)))))
        .stream().findFirst().orElse(ClockSetting.WALL);
  }

  @Override
  public void saveClockSetting(ClockSetting setting) {
    inTransaction(writer, "", tx -> {
      SqlStoreTx sql = (SqlStoreTx) tx;
      sql.update(new SqlBuilder().sql("DELETE FROM clock_state WHERE id = 1"));
      sql.update(new SqlBuilder().sql("INSERT INTO clock_state (id, offset_millis, frozen_at) VALUES (1, ?, ?)",
          setting.offset().toMillis(), setting.frozenAt() == null ? null : setting.frozenAt().toString()));
      SqlBuilder notify = dialect.changed(ChangeListener.CLOCK);
      if (notify != null) {
        sql.update(notify);
      }
      return null;
    });
  }

  @Override
  public void onWorkScheduled(Runnable listener) {
    workScheduled.add(listener);
  }

  @Override
  public void onClockChanged(Runnable listener) {
    if (changeListener != null) {
      changeListener.add(ChangeListener.CLOCK, listener);
    }
  }

  @Override
  public Optional<ScheduledTask> nextDueTask(Instant upTo, Instant wallNow) {
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(new SqlBuilder().sql(
            "SELECT " + SqlStoreTx.TASK_COLUMNS + " FROM scheduled_tasks WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
                + " ORDER BY due_at, id LIMIT 1", upTo.toEpochMilli(), wallNow.toEpochMilli()),
        ((SqlStoreTx) tx)::task)).stream().findFirst();
  }

  @Override
  public List<ScheduledTask> dueTasks(Instant upTo, Instant wallNow, ScheduledTask after, int limit) {
    SqlBuilder sql = new SqlBuilder().sql("SELECT " + SqlStoreTx.TASK_COLUMNS
        + " FROM scheduled_tasks WHERE due_at <= ? AND (lease_until IS NULL OR lease_until < ?)", upTo.toEpochMilli(), wallNow.toEpochMilli());
    if (after != null) { // keyset: the order is (due_at, id)
      long due = after.dueAt().toEpochMilli();
      sql.sql(" AND (due_at > ? OR (due_at = ? AND id > ?))", due, due, after.id());
    }
    sql.sql(" ORDER BY due_at, id LIMIT ?", limit);
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(sql, ((SqlStoreTx) tx)::task));
  }

  @Override
  public java.util.Set<Long> claimTasks(List<Long> taskIds, Instant wallNow, Instant leaseUntil) {
    if (taskIds.isEmpty()) {
      return java.util.Set.of();
    }
    return inTransaction(writer, "", tx -> {
      java.util.Set<Long> claimed = new java.util.HashSet<>();
      for (long id : taskIds) {
        if (((SqlStoreTx) tx).update(new SqlBuilder().sql(
            "UPDATE scheduled_tasks SET lease_until = ? WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)",
            leaseUntil.toEpochMilli(), id, wallNow.toEpochMilli())) > 0) {
          claimed.add(id);
        }
      }
      return claimed;
    });
  }

  @Override
  public boolean claimTask(long taskId, Instant wallNow, Instant leaseUntil) {
    return inTransaction(writer, "", tx -> ((SqlStoreTx) tx).update(new SqlBuilder().sql(
        "UPDATE scheduled_tasks SET lease_until = ? WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)",
        leaseUntil.toEpochMilli(), taskId, wallNow.toEpochMilli()))) > 0;
  }

  @Override
  public void completeTask(long taskId) {
    inTransaction(writer, "", tx -> ((SqlStoreTx) tx).update(new SqlBuilder().sql("DELETE FROM scheduled_tasks WHERE id = ?", taskId)));
  }

  @Override
  public void retryTask(long taskId, int attempt, Instant dueAt) {
    inTransaction(writer, "", tx -> ((SqlStoreTx) tx).update(new SqlBuilder().sql(
        "UPDATE scheduled_tasks SET attempt = ?, due_at = ?, lease_until = NULL WHERE id = ?", attempt, dueAt.toEpochMilli(), taskId)));
  }

  @Override
  public List<ScheduledTask> scheduledTasks(String issuerId, int limit) {
    SqlBuilder where = issuerId == null ? new SqlBuilder() : new SqlBuilder().sql(" WHERE team_id = ?", issuerId);
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(new SqlBuilder().sql(
        "SELECT " + SqlStoreTx.TASK_COLUMNS + " FROM scheduled_tasks").append(where).sql(" ORDER BY due_at, id LIMIT ?", limit),
        ((SqlStoreTx) tx)::task));
  }

  @Override
  public Optional<String> certificateAuthority() {
    return inTransaction(reader, "", StoreTx::certificateAuthority);
  }

  @Override
  public String saveCertificateAuthority(String document) {
    return inTransaction(writer, "", tx -> tx.saveCertificateAuthority(document));
  }

  private final List<Runnable> localFaultListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public List<dev.braeburn.server.store.StoredFaultRule> faultRules() {
    return inTransaction(reader, "", tx -> ((SqlStoreTx) tx).query(
        new SqlBuilder().sql("SELECT id, rule, matched, injected FROM fault_rules ORDER BY position"),
        rs -> new dev.braeburn.server.store.StoredFaultRule(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
  }

  @Override
  public boolean addFaultRule(String id, String rule) {
    boolean added = faultWrite(tx -> {
      if (!tx.query(new SqlBuilder().sql("SELECT 1 FROM fault_rules WHERE id = ?", id), rs -> 1).isEmpty()) {
        return false;
      }
      tx.update(new SqlBuilder().sql("INSERT INTO fault_rules (id, position, rule) VALUES (?, (SELECT coalesce(max(position), 0) + 1"
          + " FROM fault_rules), ?)", id, rule));
      return true;
    });
    return added;
  }

  @Override
  public boolean removeFaultRules(String id) {
    return faultWrite(tx -> tx.update(id == null ? new SqlBuilder().sql("DELETE FROM fault_rules")
        : new SqlBuilder().sql("DELETE FROM fault_rules WHERE id = ?", id)) > 0);
  }

  /** A change of the rules, announced to this instance's listeners and (PostgreSQL) every other instance's. */
  private boolean faultWrite(Function<SqlStoreTx, Boolean> change) {
    boolean changed = inTransaction(writer, "", tx -> {
      SqlStoreTx sql = (SqlStoreTx) tx;
      boolean done = change.apply(sql);
      SqlBuilder notify = dialect.changed(ChangeListener.FAULTS);
      if (done && notify != null) {
        sql.update(notify);
      }
      return done;
    });
    if (changed) {
      localFaultListeners.forEach(Runnable::run);
    }
    return changed;
  }

  @Override
  public long countFaultMatch(String id) {
    return inTransaction(writer, "", tx -> ((SqlStoreTx) tx).query(
        new SqlBuilder().sql("UPDATE fault_rules SET matched = matched + 1 WHERE id = ? RETURNING matched", id),
        rs -> rs.getLong(1))).stream().findFirst().orElse(0L);
  }

  @Override
  public boolean countFaultInjection(String id, Long limit) {
    SqlBuilder update = new SqlBuilder().sql("UPDATE fault_rules SET injected = injected + 1 WHERE id = ?", id);
    if (limit != null) {
      update.sql(" AND injected < ?", limit); // the row lock makes "the first N" exact across instances
    }
    return inTransaction(writer, "", tx -> ((SqlStoreTx) tx).update(update)) > 0;
  }

  private final List<Runnable> localQuirkListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public void onQuirksChanged(Runnable listener) {
    localQuirkListeners.add(listener);
    if (changeListener != null) {
      changeListener.add(ChangeListener.QUIRKS, listener);
    }
  }

  @Override
  public void onFaultRulesChanged(Runnable listener) {
    localFaultListeners.add(listener);
    if (changeListener != null) {
      changeListener.add(ChangeListener.FAULTS, listener);
    }
  }

  private final SqlUploads uploads = new SqlUploads();

  @Override
  public dev.braeburn.server.store.UploadStore uploads() {
    return uploads;
  }

  @Override
  public void close() {
    if (changeListener != null) {
      changeListener.close();
    }
    if (counters != null) {
      counters.close();
    }
    reader.close();
    writer.close();
  }
}
