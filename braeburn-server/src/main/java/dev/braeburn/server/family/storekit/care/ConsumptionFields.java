package dev.braeburn.server.family.storekit.care;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fields of a consumption request and the error each wrong value gets, read from
 * {@code consumption-fields.json} (server-api.md §1.5): one mechanism for the v2 body's strings and
 * the v1 body's integer codes.
 */
final class ConsumptionFields {
  static final long INVALID_REFUND_PREFERENCE = 4000044;
  static final long PERCENTAGE_OUT_OF_RANGE = 4000049;
  static final long UNDELIVERED_PERCENTAGE_NON_ZERO = 4000050;
  static final long PERCENTAGE_AUTO_RENEWABLE = 4000051;
  static final long ADVANCED_COMMERCE_NOT_SUPPORTED = 4000052;
  private static final Set<Long> INFERRED_CODES = Set.of(INVALID_REFUND_PREFERENCE, PERCENTAGE_OUT_OF_RANGE, UNDELIVERED_PERCENTAGE_NON_ZERO,
      PERCENTAGE_AUTO_RENEWABLE, ADVANCED_COMMERCE_NOT_SUPPORTED);
  private final JsonNode fields;
  private final String body;

  private ConsumptionFields(JsonNode fields, String body) {
    this.fields = fields;
    this.body = body;
  }

  static ConsumptionFields v2(JsonNode table) {
    return new ConsumptionFields(table.path("v2"), "ConsumptionRequest");
  }

  static ConsumptionFields v1(JsonNode table) {
    return new ConsumptionFields(table.path("v1"), "ConsumptionRequestV1");
  }

  /** Refuses the first field, in the table's order, that is missing or has a value outside its kind. */
  void check(JsonNode request) {
    for (JsonNode spec : fields) {
      String name = spec.path("field").asText();
      JsonNode value = request.get(name);
      if (value == null || value.isNull()) {
        if (spec.path("required").asBoolean()) {
          throw refusal(spec, name + " is required in a " + body);
        }
        continue;
      }
      String problem = problem(spec, value);
      if (problem != null) {
        throw refusal(spec, name + " " + problem + "; got " + value);
      }
    }
  }

  private static String problem(JsonNode spec, JsonNode value) {
    return switch (spec.path("kind").asText()) {
      case "true" -> value.isBoolean() && value.asBoolean() ? null : "must be true";
      case "boolean" -> value.isBoolean() ? null : "must be true or false";
      case "enum" -> value.isTextual() && values(spec).contains(value.asText()) ? null : "must be one of " + values(spec);
      case "integer" -> value.canConvertToInt() && value.isIntegralNumber() && value.asInt() >= spec.path("min").asInt()
          && value.asInt() <= spec.path("max").asInt() ? null : "must be an integer from " + spec.path("min").asInt() + " to "
          + spec.path("max").asInt();
      case "uuidOrEmpty" -> value.isTextual() && (value.asText().isEmpty() || uuid(value.asText())) ? null
          : "must be a UUID or an empty string";
      default -> throw new IllegalStateException("consumption-fields.json: unknown kind " + spec.path("kind"));
    };
  }

  private StoreKitException refusal(JsonNode spec, String what) {
    String about = spec.has("about") ? " (" + spec.path("about").asText() + ")" : "";
    return refusal(spec.path("code").asLong(), body + ": " + what + about);
  }

  /** A refusal, saying so when the number is Braeburn's choice (errors.json rows with codeInferred). */
  static StoreKitException refusal(long code, String diagnosis) {
    return new StoreKitException(code, diagnosis + (INFERRED_CODES.contains(code)
        ? " [inferred code: Apple documents this error by name only; its number is Braeburn's choice]" : ""));
  }

  private static List<String> values(JsonNode spec) {
    List<String> out = new ArrayList<>();
    spec.path("values").forEach(v -> out.add(v.asText()));
    return out;
  }

  private static boolean uuid(String s) {
    try {
      UUID.fromString(s);
      return s.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
