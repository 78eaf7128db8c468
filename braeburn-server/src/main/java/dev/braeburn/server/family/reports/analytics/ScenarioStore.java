package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.store.StoreTx;

/**
 * Keeps each team's {@link Scenarios} in the store, as a resource of a type no API path serves: it
 * survives restarts, travels with snapshots and is shared by every instance on one database.
 */
final class ScenarioStore {
  static final String TYPE = "_analyticsScenarios";
  private static final String ID = "scenarios";

  private ScenarioStore() {}

  static Scenarios of(StoreTx tx) {
    return tx.find(TYPE, ID).map(r -> Scenarios.fromJson(r.attributes())).orElse(Scenarios.NONE);
  }

  static void save(StoreTx tx, Scenarios scenarios) {
    tx.find(TYPE, ID).ifPresentOrElse(r -> tx.updateAttributes(r, scenarios.toJson()), () -> tx.insert(TYPE, ID, scenarios.toJson()));
  }
}
