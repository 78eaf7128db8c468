package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulator events table ({@code subscription-events.json}): event → Apple's notification type,
 * subtype and the status afterwards, with variants picked by the subscription's state.
 */
record SubscriptionEvents(JsonNode table) {
  /** What one event announces. {@code status} null: unchanged. */
  record Outcome(String type, String subtype, Integer status) {}

  boolean known(String event) {
    return table.has(event);
  }

  Iterable<String> names() {
    return table::fieldNames;
  }

  Outcome outcome(String event, String variant) {
    JsonNode row = table.path(event);
    JsonNode v = variant == null ? null : row.path("variants").get(variant);
    String subtype = v != null && v.has("subtype") ? v.get("subtype").asText() : row.path("subtype").asText(null);
    JsonNode status = v != null && v.has("status") ? v.get("status") : row.get("status");
    return new Outcome(row.path("type").asText(), subtype, status == null ? null : status.asInt());
  }
}
