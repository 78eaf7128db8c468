package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Optional;

/**
 * Data directories and snapshots made before quirks existed keep a team's analytics scenarios in a
 * resource of their own ({@code _analyticsScenarios}: booleans, {@code skippedDate}, {@code
 * inactivityDays}). Read while the team has no quirk switches yet, they become the quirk rows of the
 * same names, so an upgrade keeps every setting; the first change writes them as quirks.
 */
final class LegacyScenarios {
  static final String TYPE = "_analyticsScenarios";
  private static final String ID = "scenarios";
  private static final List<String> SWITCHES = List.of(
      "delayedFirstInstances", "duplicateDeliveries", "lateRevisions", "privacyThreshold", "emptyInstances");
  /** Apple's unpublished inactivity period as the old resource defaulted it (Activity.DEFAULT_INACTIVITY_DAYS). */
  private static final int DEFAULT_INACTIVITY_DAYS = 90;

  private LegacyScenarios() {}

  static Optional<TeamQuirks> of(StoreTx tx) {
    return tx.find(TYPE, ID).map(r -> translate(r.attributes()));
  }

  static TeamQuirks translate(JsonNode old) {
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    for (String name : SWITCHES) {
      if (old.path(name).asBoolean(false)) {
        settings.putObject(name).put("enabled", true);
      }
    }
    if (old.path("skippedDate").isTextual()) {
      settings.putObject("skippedDate").put("enabled", true).put("date", old.path("skippedDate").asText());
    }
    if (old.path("inactivityDays").canConvertToInt() && old.path("inactivityDays").asInt() != DEFAULT_INACTIVITY_DAYS) {
      settings.putObject("inactivityDays").put("enabled", true).put("days", old.path("inactivityDays").asInt());
    }
    return new TeamQuirks(settings);
  }
}
