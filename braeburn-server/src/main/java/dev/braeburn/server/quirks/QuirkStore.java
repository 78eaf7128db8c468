package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.StoreTx;

/**
 * Keeps each team's {@link TeamQuirks} in the store, as a resource of a type no API path serves: it
 * survives restarts, travels with snapshots and is shared by every instance on one database.
 */
public final class QuirkStore {
  static final String TYPE = "_quirks";
  private static final String ID = "quirks";

  private QuirkStore() {}

  public static TeamQuirks of(StoreTx tx) {
    return tx.find(TYPE, ID).map(r -> new TeamQuirks((ObjectNode) r.attributes().deepCopy()))
        .or(() -> LegacyScenarios.of(tx)).orElse(TeamQuirks.NONE);
  }

  public static void save(StoreTx tx, TeamQuirks quirks) {
    tx.quirksChanged(); // cached switches (QuirkCache) are dropped once this commits
    tx.find(TYPE, ID).ifPresentOrElse(r -> tx.updateAttributes(r, quirks.settings()), () -> tx.insert(TYPE, ID, quirks.settings()));
  }
}
