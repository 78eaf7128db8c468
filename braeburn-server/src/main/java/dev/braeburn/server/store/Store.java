package dev.braeburn.server.store;

import dev.braeburn.server.clock.ClockSetting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Braeburn's durable state. Reads and writes of resources happen in team-scoped transactions;
 * teams and keys are account-level. Implementations: SQLite (embedded default) and, later,
 * PostgreSQL — both behind the same SQL with a small dialect.
 */
public interface Store extends AutoCloseable {
  <T> T read(String teamId, Function<StoreTx, T> work);

  <T> T write(String teamId, Function<StoreTx, T> work);

  Team createTeam(String issuerId, String name);

  Optional<Team> team(String issuerId);

  List<Team> teams();

  void saveKey(ApiKey key);

  Optional<ApiKey> key(String keyId);

  List<ApiKey> keys(String issuerId);

  boolean revokeKey(String keyId);

  /** Sets (null: server default; 0: unlimited) a key's hourly request limit; false if no such key. */
  boolean setKeyHourlyLimit(String keyId, Integer hourlyLimit);

  /** Switches the team-wide "required agreements missing or expired" state; false if no such team. */
  boolean setAgreementsMissing(String issuerId, boolean missing);

  /** ACTIVE, EXPIRED or NONE: the team's developer-program membership (provisioning.md §8). */
  boolean setProgramMembership(String issuerId, String membership);

  /**
   * Calls {@code listener} whenever teams or keys change — also when another instance sharing the
   * database changed them — so caches of keys and team flags can be dropped at once.
   */
  default void onAccountsChanged(Runnable listener) {}

  /** Deletes every resource and link of one team; its keys stay valid. */
  void deleteResources(String issuerId);

  /**
   * Streams the state of one team ({@code issuerId}) or, with null, of every team into {@code
   * sink}, all from one consistent read transaction: what another writer commits meanwhile is
   * either wholly in it or not at all.
   */
  void exportState(String issuerId, StateSink sink);

  /**
   * Replaces, in one write transaction, the state of one team ({@code issuerId}: its keys,
   * resources and links; the team is created if missing, other teams stay as they are) or, with
   * null, of the whole server. {@code rows} feeds the new rows into the sink it is given; when it
   * or a row fails ({@link RejectedStateException}), nothing changes. Account listeners ({@link
   * #onAccountsChanged}) hear of the change.
   */
  default void importState(String issuerId, java.util.function.Consumer<StateSink> rows) {
    importState(issuerId, null, rows);
  }

  /**
   * {@link #importState(String, java.util.function.Consumer)} that also replaces Braeburn's
   * certificate authority by {@code certificateAuthority} (its document) in the same transaction;
   * null leaves the stored authority as it is.
   */
  void importState(String issuerId, String certificateAuthority, java.util.function.Consumer<StateSink> rows);

  /**
   * A copy of the whole database to {@link DatabaseCopy#restore restore} many times over, for an
   * in-process caller that resets to one state before every test (braeburn-junit); empty where
   * the store has no copy much cheaper than {@link #importState} (PostgreSQL).
   */
  default Optional<DatabaseCopy> copyDatabase() {
    return Optional.empty();
  }

  /** The virtual clock's persisted setting ({@link ClockSetting#WALL} until it was first changed). */
  ClockSetting clockSetting();

  /** Persists the clock's setting and tells every instance on the database ({@link #onClockChanged}). */
  void saveClockSetting(ClockSetting setting);

  /** Calls {@code listener} after every commit of this instance that scheduled work. */
  default void onWorkScheduled(Runnable listener) {}

  /** Calls {@code listener} when another instance sharing the database changed the clock. */
  default void onClockChanged(Runnable listener) {}

  /** The earliest task due by {@code upTo} (server time) that no instance holds a live lease on. */
  Optional<ScheduledTask> nextDueTask(Instant upTo, Instant wallNow);

  /**
   * Up to {@code limit} tasks due by {@code upTo} (server time) that no instance holds a live lease
   * on, soonest first, after the task {@code after} in that order (null: from the start).
   */
  List<ScheduledTask> dueTasks(Instant upTo, Instant wallNow, ScheduledTask after, int limit);

  /**
   * Takes a lease until {@code leaseUntil} on each of {@code taskIds} that no instance holds a live
   * lease on, in one transaction; returns the ids it took (on PostgreSQL each claim is an UPDATE
   * whose condition is checked again under the row lock, so two instances never take one task).
   */
  java.util.Set<Long> claimTasks(List<Long> taskIds, Instant wallNow, Instant leaseUntil);

  /** Takes a lease on a task until {@code leaseUntil} (wall time); false when another instance holds one. */
  boolean claimTask(long taskId, Instant wallNow, Instant leaseUntil);

  void completeTask(long taskId);

  /** Releases a task's lease and makes it due again at {@code dueAt} (server time). */
  void retryTask(long taskId, int attempt, Instant dueAt);

  /** Pending tasks of one team (null: of all), soonest first. */
  List<ScheduledTask> scheduledTasks(String issuerId, int limit);

  /** Braeburn's certificate authority as stored (issue 14): its document, empty until it was first made. */
  Optional<String> certificateAuthority();

  /**
   * Stores {@code document} as the certificate authority unless one is stored already (another
   * instance on the database may have been first) and returns the one that is stored: every
   * instance ends up with the same authority.
   */
  String saveCertificateAuthority(String document);

  /** Fault rules (issue 17) in the order they were added. */
  default java.util.List<StoredFaultRule> faultRules() {
    return List.of();
  }

  /** Adds a fault rule after the others; false when a rule with this id exists. Tells every instance ({@link #onFaultRulesChanged}). */
  default boolean addFaultRule(String id, String rule) {
    throw new UnsupportedOperationException("this store keeps no fault rules");
  }

  /** Removes one rule (null: all); false when there was none. */
  default boolean removeFaultRules(String id) {
    return false;
  }

  /** Counts one more request the rule matched and returns the count (1 for the first); 0 when the rule is gone. */
  default long countFaultMatch(String id) {
    return 0;
  }

  /** Counts one more injected fault unless {@code limit} (null: none) is reached; true when it was counted. */
  default boolean countFaultInjection(String id, Long limit) {
    return false;
  }

  /** Calls {@code listener} when fault rules change, also through another instance sharing the database. */
  default void onFaultRulesChanged(Runnable listener) {}

  /**
   * Calls {@code listener} after a transaction that {@linkplain StoreTx#quirksChanged changed a team's
   * quirk switches} commits, or a team's resources are deleted — also through another instance
   * sharing the database. (Snapshot loads and restores tell {@link #onAccountsChanged} listeners.)
   */
  default void onQuirksChanged(Runnable listener) {}

  /** Uploaded parts and served images (issue 5): bytes shared by every instance on the database. */
  default UploadStore uploads() {
    throw new UnsupportedOperationException("this store keeps no uploads");
  }

  @Override
  void close();
}
