package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The App Store's refund decision at the end of the consumption window, as data
 * ({@code refund-decisions.json}, [INFER]: Apple does not publish its rule): the first row whose
 * conditions match the consumption information sent and the customer's reason decides.
 */
final class RefundRules {
  /** A decision: REFUND_FULL, REFUND_PRORATED or DECLINE, the row that made it and why. */
  record Decision(String decision, String rule, String why) {
    boolean refund() {
      return !decision.equals("DECLINE");
    }
  }

  private final JsonNode rules;

  RefundRules(JsonNode table) {
    this.rules = table.path("rules");
  }

  /** {@code consumption}: the information received before the deadline, or null; {@code reason}: the consumptionRequestReason. */
  Decision decide(JsonNode consumption, String reason) {
    for (JsonNode rule : rules) {
      if (matches(rule.path("when"), consumption, reason)) {
        return new Decision(rule.path("decision").asText(), rule.path("id").asText(), rule.path("why").asText());
      }
    }
    throw new IllegalStateException("refund-decisions.json has no row for every case: its last row must match anything");
  }

  private static boolean matches(JsonNode when, JsonNode consumption, String reason) {
    for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> condition = it.next();
      String key = condition.getKey();
      JsonNode allowed = condition.getValue();
      boolean ok = switch (key) {
        case "sent" -> contains(allowed, String.valueOf(consumption != null));
        case "reason" -> contains(allowed, reason);
        case "consumptionPercentageAtLeast" -> consumption != null && consumption.has("consumptionPercentage")
            && consumption.path("consumptionPercentage").asLong() >= allowed.asLong();
        default -> consumption != null && consumption.hasNonNull(key) && contains(allowed, consumption.get(key).asText());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode allowed, String value) {
    for (JsonNode v : allowed) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
