package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A validator for the OpenAPI schema keywords Apple's spec uses: type, properties, required,
 * enum, items, oneOf, $ref, format (date-time, date, uri, email), nullable, minimum, maximum and
 * additionalProperties. Unknown properties of an object with declared properties are violations.
 *
 * <p>One documented deviation: JSON {@code null} is accepted for a property that is not in {@code
 * required}, because Apple's real responses emit {@code null} for unset attributes and {@code
 * {"data": null}} for empty to-one relationships although its spec does not mark them nullable
 * (protocol.md §5.3/§5.4).
 */
public final class SchemaValidator {
  private final Spec spec;

  public SchemaValidator(Spec spec) {
    this.spec = spec;
  }

  /** Violations of {@code node} against the named component schema, as "pointer: problem". */
  public List<String> validate(JsonNode node, String schemaName) {
    List<String> out = new ArrayList<>();
    Schema schema = spec.schema(schemaName);
    if (schema == null) {
      out.add("no schema " + schemaName + " in the spec model");
      return out;
    }
    validate(node, schema, "", false, out);
    return out;
  }

  private void validate(JsonNode node, Schema raw, String pointer, boolean nullAllowed, List<String> out) {
    Schema schema = spec.resolve(raw);
    if (schema == null) {
      out.add(pointer + ": unresolvable $ref " + raw.ref());
      return;
    }
    if (node.isNull()) {
      if (!schema.nullable() && !nullAllowed) {
        out.add(pointer + ": null is not allowed");
      }
      return;
    }
    if (!schema.oneOf().isEmpty()) {
      oneOf(node, schema, pointer, out);
      return;
    }
    String type = schema.type();
    if (type == null && !schema.properties().isEmpty()) {
      type = "object";
    }
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> object(node, schema, pointer, out);
      case "array" -> {
        if (!node.isArray()) {
          out.add(pointer + ": expected array, got " + node.getNodeType());
          return;
        }
        if (schema.items() != null) {
          for (int i = 0; i < node.size(); i++) {
            validate(node.get(i), schema.items(), pointer + "/" + i, false, out);
          }
        }
      }
      case "string" -> string(node, schema, pointer, out);
      case "integer" -> {
        if (!node.isIntegralNumber()) {
          out.add(pointer + ": expected integer, got " + node.getNodeType() + " " + node);
          return;
        }
        bounds(node, schema, pointer, out);
      }
      case "number" -> {
        if (!node.isNumber()) {
          out.add(pointer + ": expected number, got " + node.getNodeType() + " " + node);
          return;
        }
        bounds(node, schema, pointer, out);
      }
      case "boolean" -> {
        if (!node.isBoolean()) {
          out.add(pointer + ": expected boolean, got " + node.getNodeType() + " " + node);
        }
      }
      default -> out.add(pointer + ": unsupported schema type " + type);
    }
  }

  private void oneOf(JsonNode node, Schema schema, String pointer, List<String> out) {
    // Branch selection by the JSON:API "type" member when the branches are resources.
    if (node.isObject() && node.path("type").isTextual()) {
      String t = node.get("type").asText();
      List<Schema> matching = new ArrayList<>();
      for (Schema branch : schema.oneOf()) {
        Schema b = spec.resolve(branch);
        Schema typeSchema = b == null ? null : b.property("type");
        typeSchema = typeSchema == null ? null : spec.resolve(typeSchema);
        if (typeSchema != null && typeSchema.enumValues() != null && typeSchema.enumValues().contains(t)) {
          matching.add(branch);
        }
      }
      if (matching.size() == 1) {
        validate(node, matching.getFirst(), pointer, false, out);
        return;
      }
      if (matching.isEmpty() && hasTypedBranches(schema)) {
        out.add(pointer + ": type '" + t + "' matches no oneOf branch");
        return;
      }
    }
    List<String> best = null;
    for (Schema branch : schema.oneOf()) {
      List<String> attempt = new ArrayList<>();
      validate(node, branch, pointer, false, attempt);
      if (attempt.isEmpty()) {
        return;
      }
      if (best == null || attempt.size() < best.size()) {
        best = attempt;
      }
    }
    out.add(pointer + ": matches no oneOf branch" + (best == null ? "" : " (closest: " + best.getFirst() + ")"));
  }

  private boolean hasTypedBranches(Schema schema) {
    for (Schema branch : schema.oneOf()) {
      Schema b = spec.resolve(branch);
      if (b != null && b.property("type") != null) {
        return true;
      }
    }
    return false;
  }

  private void object(JsonNode node, Schema schema, String pointer, List<String> out) {
    if (!node.isObject()) {
      out.add(pointer + ": expected object, got " + node.getNodeType());
      return;
    }
    for (String name : schema.required()) {
      if (!node.has(name)) {
        out.add(pointer + ": missing required property '" + name + "'");
      }
    }
    Map<String, Schema> props = schema.properties();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String child = pointer + "/" + field.getKey();
      Schema prop = props.get(field.getKey());
      if (prop != null) {
        validate(field.getValue(), prop, child, !schema.required().contains(field.getKey()), out);
      } else if (schema.additionalProperties() != null) {
        validate(field.getValue(), schema.additionalProperties(), child, false, out);
      } else if (!props.isEmpty()) {
        out.add(child + ": unknown property");
      }
    }
  }

  private static void string(JsonNode node, Schema schema, String pointer, List<String> out) {
    if (!node.isTextual()) {
      out.add(pointer + ": expected string, got " + node.getNodeType() + " " + node);
      return;
    }
    String value = node.asText();
    if (schema.enumValues() != null && !schema.enumValues().contains(value)) {
      out.add(pointer + ": '" + value + "' not in enum " + schema.enumValues());
      return;
    }
    String format = schema.format();
    if (format == null) {
      return;
    }
    try {
      switch (format) {
        case "date-time" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, OffsetDateTime::from);
        case "date" -> LocalDate.parse(value);
        case "uri", "uri-reference" -> {
          URI uri = new URI(value);
          if ("uri".equals(format) && uri.getScheme() == null) {
            out.add(pointer + ": '" + value + "' is not an absolute uri");
          }
        }
        case "email" -> {
          if (!value.matches("[^@\\s]+@[^@\\s]+")) {
            out.add(pointer + ": '" + value + "' is not an email");
          }
        }
        default -> {}
      }
    } catch (Exception e) {
      out.add(pointer + ": '" + value + "' is not a valid " + format);
    }
  }

  private static void bounds(JsonNode node, Schema schema, String pointer, List<String> out) {
    BigDecimal v = node.decimalValue();
    if (schema.minimum() != null && v.compareTo(schema.minimum()) < 0) {
      out.add(pointer + ": " + v + " < minimum " + schema.minimum());
    }
    if (schema.maximum() != null && v.compareTo(schema.maximum()) > 0) {
      out.add(pointer + ": " + v + " > maximum " + schema.maximum());
    }
    if (schema.enumValues() != null && !schema.enumValues().contains(node.asText())) {
      out.add(pointer + ": " + node + " not in enum " + schema.enumValues());
    }
  }
}
