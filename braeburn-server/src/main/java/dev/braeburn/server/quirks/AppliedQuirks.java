package dev.braeburn.server.quirks;

import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/**
 * The quirks one request met: the team's switches, read from the store at most once and only when a
 * quirk could apply, and what each applied quirk changed, for the journal and {@code
 * X-Braeburn-Diagnosis}, plus the latency a quirk adds once the response is built (never inside a
 * store transaction).
 */
public final class AppliedQuirks {
  /** Null: read the switches from the store (no cache at hand). */
  private final QuirkCache cache;
  private final long stamp;
  private TeamQuirks team;
  private final List<String> notes = new ArrayList<>();
  private long delayMillis;

  public AppliedQuirks() {
    this(null);
  }

  /** With the server's cache of switches; made before the request's transaction begins (see {@link QuirkCache#stamp}). */
  public AppliedQuirks(QuirkCache cache) {
    this.cache = cache;
    this.stamp = cache == null ? 0 : cache.stamp();
  }

  /** The team's switches, on first use from the cache or this request's transaction. */
  public TeamQuirks team(StoreTx tx) {
    if (team == null) {
      team = cache == null ? QuirkStore.of(tx) : cache.of(tx, stamp);
    }
    return team;
  }

  public void applied(String quirk, String what) {
    notes.add("Quirk " + quirk + " applied: " + what);
  }

  public void delay(long millis) {
    delayMillis += millis;
  }

  public long delayMillis() {
    return delayMillis;
  }

  /** Holds the request for the added latency (a virtual thread: the wait costs no platform thread). */
  public void waitOutDelay() {
    if (delayMillis <= 0) {
      return;
    }
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The notes as one diagnosis, or null when no quirk changed the response. */
  public String diagnosis() {
    return notes.isEmpty() ? null : String.join("; ", notes);
  }
}
