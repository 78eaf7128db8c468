package dev.braeburn.server.quirks;

import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each team's quirk switches, kept in memory between requests. Every document that renders apps,
 * builds or devices asks for them (the undocumented-values quirk), and reading them cost two store
 * look-ups per request (the {@code _quirks} resource, then the legacy scenarios) even for a team
 * with every quirk off. Dropped whenever switches may have changed, the way {@code FaultRules} is:
 * after a commit that {@linkplain StoreTx#quirksChanged changed them} or deleted the team's
 * resources, through this instance or another on the same PostgreSQL database ({@code NOTIFY
 * braeburn_quirks}), and after a snapshot load or restore ({@link Store#onAccountsChanged}).
 *
 * <p>A read made from a transaction that began before a change committed must not be cached: the
 * caller takes a {@link #stamp} before its transaction begins, and a read is kept only if no change
 * was announced since.
 */
public final class QuirkCache {
  private final Map<String, TeamQuirks> byTeam = new ConcurrentHashMap<>();
  /** Bumped by every drop. */
  private final AtomicLong generation = new AtomicLong();

  public QuirkCache(Store store) {
    store.onQuirksChanged(this::clear);
    store.onAccountsChanged(this::clear);
  }

  /** Taken before the request's transaction begins; see {@link #of}. */
  public long stamp() {
    return generation.get();
  }

  /** The team's switches: from memory, else read in {@code tx} and kept unless a change came after {@code stamp}. */
  public TeamQuirks of(StoreTx tx, long stamp) {
    String team = tx.teamId();
    TeamQuirks cached = byTeam.get(team);
    if (cached != null) {
      return cached;
    }
    TeamQuirks read = QuirkStore.of(tx);
    if (generation.get() == stamp) {
      byTeam.put(team, read);
      if (generation.get() != stamp) {
        byTeam.remove(team, read); // a drop raced with the put
      }
    }
    return read;
  }

  void clear() {
    generation.incrementAndGet();
    byTeam.clear();
  }
}
