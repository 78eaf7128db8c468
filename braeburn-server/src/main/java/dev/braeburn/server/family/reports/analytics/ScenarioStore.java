package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.quirks.QuirkStore;
import dev.braeburn.server.store.StoreTx;

/** A team's {@link Scenarios}, read from its quirk switches ({@link QuirkStore}): the scenarios are rows of the quirks table. */
final class ScenarioStore {
  private ScenarioStore() {}

  static Scenarios of(StoreTx tx) {
    return Scenarios.from(QuirkStore.of(tx));
  }
}
