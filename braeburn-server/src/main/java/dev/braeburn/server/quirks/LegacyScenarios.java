package dev.braeburn.server.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.StoreTx;
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
  /** The quirk rows the old resource's fields became: the analytics rows, each field named as its row. */
  private static final String FAMILY = "reports.analytics";

  private LegacyScenarios() {}

  static Optional<TeamQuirks> of(StoreTx tx) {
    return tx.find(TYPE, ID).map(r -> translate(r.attributes()));
  }

  /**
   * A row without settings was a boolean field; a row with one setting was that setting's value, off
   * when null, false or the setting's default (the old resource wrote Apple's assumed 90
   * inactivity days when the team had chosen none).
   */
  static TeamQuirks translate(JsonNode old) {
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    for (QuirkCatalogue.Quirk quirk : QuirkCatalogue.get().all()) {
      JsonNode value = old.path(quirk.name());
      if (!quirk.family().equals(FAMILY) || value.isMissingNode() || value.isNull() || (value.isBoolean() && !value.asBoolean())) {
        continue;
      }
      if (quirk.params().isEmpty()) {
        settings.putObject(quirk.name()).put("enabled", true);
      } else {
        QuirkCatalogue.Param param = quirk.params().values().iterator().next();
        if (!value.equals(param.defaultValue())) {
          settings.putObject(quirk.name()).put("enabled", true).set(param.name(), value);
        }
      }
    }
    return new TeamQuirks(settings);
  }
}
