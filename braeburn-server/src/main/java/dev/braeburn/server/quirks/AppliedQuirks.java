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
  private TeamQuirks team;
  private final List<String> notes = new ArrayList<>();
  private long delayMillis;

  /** The team's switches, from this request's transaction on first use. */
  public TeamQuirks team(StoreTx tx) {
    if (team == null) {
      team = QuirkStore.of(tx);
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
