package dev.braeburn.server.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The fields of one snapshot record, checked as they are read: required fields are there with the
 * right JSON type, and there is no field the format does not define — a typo or a newer writer's
 * field must not vanish silently. Every complaint carries the field's JSON pointer.
 */
final class RecordFields {
  private final JsonNode node;
  private final String pointer;

  RecordFields(JsonNode node, String pointer, Set<String> fields) {
    if (node == null || !node.isObject()) {
      throw SnapshotException.invalid(pointer, "each entry must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw SnapshotException.invalid(pointer + "/" + name, "'" + name + "' is not a field of this record; expected "
            + fields.stream().sorted().toList());
      }
    }
    this.node = node;
    this.pointer = pointer;
  }

  String pointer() {
    return pointer;
  }

  String text(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw invalid(name, "'" + name + "' must be a non-empty string");
    }
    return value.asText();
  }

  /** A string that may be empty (a name). */
  String string(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw invalid(name, "'" + name + "' must be a string");
    }
    return value.asText();
  }

  /** A string that may be absent or null (then null). */
  String optionalText(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return text(name);
  }

  Instant instant(String name) {
    return parseInstant(name, text(name));
  }

  Instant optionalInstant(String name) {
    String text = optionalText(name);
    return text == null ? null : parseInstant(name, text);
  }

  boolean bool(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isBoolean()) {
      throw invalid(name, "'" + name + "' must be true or false");
    }
    return value.booleanValue();
  }

  /** A non-negative integer that may be absent or null (then null). */
  Integer optionalCount(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      throw invalid(name, "'" + name + "' must be null or an integer of 0 or more");
    }
    return value.intValue();
  }

  /** A required whole number (any sign). */
  long wholeNumber(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(name, "'" + name + "' must be a whole number");
    }
    return value.longValue();
  }

  List<String> texts(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw invalid(name, "'" + name + "' must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid(name, "'" + name + "' must be a non-empty array of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** An array that must be empty: the roles of a key type that has none. */
  List<String> none(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isArray() || !value.isEmpty()) {
      throw invalid(name, "'" + name + "' must be an empty array");
    }
    return List.of();
  }

  JsonNode object(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isObject()) {
      throw invalid(name, "'" + name + "' must be a JSON object");
    }
    return value;
  }

  SnapshotException invalid(String name, String detail) {
    return SnapshotException.invalid(pointer + "/" + name, detail);
  }

  private Instant parseInstant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(name, "'" + name + "' must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, not '" + text + "'");
    }
  }
}
