package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks one attribute value against its schema. Apple reports both JSON type mismatches and enum
 * values outside the list as {@code ENTITY_ERROR.ATTRIBUTE.TYPE} ("'X' is not a valid value for
 * the attribute 'y'. Expected one of: …"), and a malformed URI the same way (protocol.md §4.4).
 * Nested objects and arrays are walked with JSON pointers such as {@code
 * /data/attributes/settings/0/key}.
 */
final class ValueValidator {
  private final Spec spec;

  ValueValidator(Spec spec) {
    this.spec = spec;
  }

  void check(String name, Schema declared, JsonNode value, String pointer, List<ApiError> errors) {
    Schema schema = spec.resolve(declared);
    if (value.isNull()) {
      if (!schema.nullable() && !declared.nullable()) {
        errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
      }
      return;
    }
    if (schema.type() == null) {
      return;
    }
    switch (schema.type()) {
      case "string" -> string(name, schema, value, pointer, errors);
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
        } else if (!fits(schema, value)) {
          errors.add(Errors.attributeInvalid("The value " + value + " of the attribute '" + name + "' is out of range for a "
              + ("int32".equals(schema.format()) ? "32" : "64") + "-bit integer", pointer));
        } else {
          bounds(name, schema, value, pointer, errors);
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
        } else if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
          errors.add(Errors.attributeInvalid("The value of the attribute '" + name + "' is out of range for a number", pointer));
        } else {
          bounds(name, schema, value, pointer, errors);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
        } else {
          for (int i = 0; i < value.size(); i++) {
            check(name + "/" + i, schema.items(), value.get(i), pointer + "/" + i, errors);
          }
        }
      }
      case "object" -> object(name, schema, value, pointer, errors);
      default -> { }
    }
  }

  private void string(String name, Schema schema, JsonNode value, String pointer, List<ApiError> errors) {
    if (!value.isTextual()) {
      errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
      return;
    }
    String text = value.asText();
    if (schema.enumValues() != null && !schema.enumValues().contains(text)) {
      errors.add(Errors.enumValue(text, name, schema.enumValues(), pointer));
      return;
    }
    String problem = formatProblem(schema.format(), text);
    if (problem != null) {
      errors.add(Errors.attributeType("'" + text + "' is not a valid value for the attribute '" + name + "': " + problem, pointer));
    }
  }

  private static String formatProblem(String format, String text) {
    if (format == null) {
      return null;
    }
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(text);
        case "date" -> LocalDate.parse(text);
        case "uri" -> {
          if (new URI(text).getScheme() == null) {
            return "does not match the uri pattern must be a valid RFC 3986 URI";
          }
        }
        case "email" -> {
          if (!text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return "must be a valid email address";
          }
        }
        default -> { }
      }
      return null;
    } catch (DateTimeParseException e) {
      return "expected " + ("date".equals(format) ? "a date like 2026-11-24" : "a date-time like 2026-11-24T10:15:30-08:00");
    } catch (URISyntaxException e) {
      return "does not match the uri pattern must be a valid RFC 3986 URI";
    }
  }

  /**
   * Apple's integers are int32 or int64 (the spec's formats; a bare {@code integer} is taken as
   * int64): a longer number would be stored as a BigInteger and wrap silently wherever it is read
   * as a {@code long} — the class of the reservation whose {@code fileSize} past 2^63 became a
   * negative size.
   */
  private static boolean fits(Schema schema, JsonNode value) {
    return "int32".equals(schema.format()) ? value.canConvertToInt() : value.canConvertToLong();
  }

  private void bounds(String name, Schema schema, JsonNode value, String pointer, List<ApiError> errors) {
    var number = value.decimalValue();
    if ((schema.minimum() != null && number.compareTo(schema.minimum()) < 0)
        || (schema.maximum() != null && number.compareTo(schema.maximum()) > 0)) {
      errors.add(Errors.attributeInvalid(
          "The value " + value + " of the attribute '" + name + "' is out of range ["
              + (schema.minimum() == null ? "" : schema.minimum().toPlainString()) + ", "
              + (schema.maximum() == null ? "" : schema.maximum().toPlainString()) + "]", pointer));
    }
  }

  private void object(String name, Schema schema, JsonNode value, String pointer, List<ApiError> errors) {
    if (!value.isObject()) {
      errors.add(Errors.attributeType(mismatch(name, schema, value), pointer));
      return;
    }
    Map<String, Schema> props = schema.properties();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Schema prop = props.get(e.getKey());
      if (prop == null) {
        prop = schema.additionalProperties();
      }
      if (prop == null) {
        if (!props.isEmpty()) {
          errors.add(Errors.attributeInvalid("'" + e.getKey() + "' is not a field of the attribute '" + name + "'", pointer + "/" + e.getKey()));
        }
        continue;
      }
      check(name + "/" + e.getKey(), prop, e.getValue(), pointer + "/" + e.getKey(), errors);
    }
    for (String required : schema.required()) {
      if (value.get(required) == null) {
        errors.add(Errors.attributeRequired(name + "/" + required, pointer + "/" + required));
      }
    }
  }

  private static String mismatch(String name, Schema schema, JsonNode value) {
    return "Unexpected json type for '" + name + "'. Expected " + schema.type().toUpperCase(java.util.Locale.ROOT)
        + " but got " + value.getNodeType();
  }
}
