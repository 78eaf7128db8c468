package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulator events table ({@code subscription-events.json}): event → Apple's notification type,
 * subtype and the status afterwards, with variants picked by the subscription's state, and what
 * reaches the purchaser's family members (Family Sharing).
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

  /** Whether the event is sent to a family member's own subscription (REVOKE) rather than to a purchaser's. */
  boolean forFamilyMember(String event) {
    return table.path(event).path("appliesTo").asText("purchaser").equals("familyMember");
  }

  /**
   * What the purchaser's family members get when {@code event} happens to the purchaser's subscription:
   * the purchaser's own outcome unless the row's {@code family} names another, or null ({@code "none"}).
   */
  Outcome forFamily(String event, Outcome purchasers) {
    JsonNode family = table.path(event).path("family");
    if (family.isMissingNode()) {
      return purchasers;
    }
    return family.isObject() ? new Outcome(family.path("type").asText(), family.path("subtype").asText(null),
        family.has("status") ? family.get("status").asInt() : null) : null;
  }
}
