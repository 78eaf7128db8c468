package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Map;
import java.util.Optional;

/**
 * Tunings kept in the store as resources of the internal type {@value #TYPE} (id = app id), so
 * they survive restarts, are shared by every instance on one PostgreSQL and travel in snapshots.
 * Only the fields someone set are kept; the rest stay defaults, so a default can still improve.
 * The store takes any type name; no API path names one starting with "_", so clients never see them.
 */
final class TuningStore {
  static final String TYPE = "_usageModels";

  private TuningStore() {}

  static ModelTuning effective(StoreTx tx, String appId) {
    return TuningJson.read(merged(appId, overrides(tx, appId)));
  }

  /**
   * Applies a PATCH body: set fields replace, {@code null} resets a field to its default. The
   * result is checked as a whole before anything is stored; errors name the offending field.
   */
  static ModelTuning patch(StoreTx tx, String appId, JsonNode body) {
    ObjectNode overrides = overrides(tx, appId).deepCopy();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      TuningJson.requireField(e.getKey());
      if (e.getValue().isNull()) {
        overrides.remove(e.getKey());
      } else {
        overrides.set(e.getKey(), e.getValue());
      }
    }
    ModelTuning tuning = TuningJson.read(merged(appId, overrides));
    ObjectNode canonical = TuningJson.write(tuning);
    ObjectNode stored = canonical.objectNode();
    overrides.fieldNames().forEachRemaining(name -> stored.set(name, canonical.get(name)));
    Optional<Resource> existing = tx.find(TYPE, appId);
    if (existing.isPresent()) {
      tx.updateAttributes(existing.get(), stored);
    } else {
      tx.insert(TYPE, appId, stored);
    }
    return tuning;
  }

  private static ObjectNode overrides(StoreTx tx, String appId) {
    return tx.find(TYPE, appId).map(Resource::attributes).orElseGet(JsonNodeFactory.instance::objectNode);
  }

  private static ObjectNode merged(String appId, ObjectNode overrides) {
    ObjectNode all = TuningJson.write(Tunings.defaults(appId));
    all.setAll(overrides);
    return all;
  }
}
