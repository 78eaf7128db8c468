package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;

/**
 * A minimal valid request body for an operation, built from its request schema: required members
 * only (every attribute of {@code /data/attributes}), first enum values, and relationships that
 * point at the fixture's primary resources. The conformance walk sends it as the valid call; the
 * fuzz suite mutates it.
 */
public final class ValidBodies {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Spec spec;
  private final EveryTypeFixture fixture;

  public ValidBodies(Spec spec, EveryTypeFixture fixture) {
    this.spec = spec;
    this.fixture = fixture;
  }

  /** The body for {@code op} addressed at {@code pathId} (the id of an update), or null when the operation takes none. */
  public ObjectNode body(Operation op, String pathId) {
    if (op.bodySchema() == null) {
      return null;
    }
    return (ObjectNode) generate(spec.schema(op.bodySchema()), op, pathId, "");
  }

  private JsonNode generate(Schema raw, Operation op, String pathId, String pointer) {
    Schema schema = spec.resolve(raw);
    if (schema == null) {
      return NODES.nullNode();
    }
    if (!schema.oneOf().isEmpty()) {
      return generate(schema.oneOf().getFirst(), op, pathId, pointer);
    }
    if (schema.enumValues() != null && !schema.enumValues().isEmpty()) {
      String v = schema.enumValues().getFirst();
      return switch (String.valueOf(schema.type())) {
        case "integer" -> NODES.numberNode(Long.parseLong(v));
        default -> NODES.textNode(v);
      };
    }
    String type = schema.type() == null && !schema.properties().isEmpty() ? "object" : String.valueOf(schema.type());
    switch (type) {
      case "object" -> {
        ObjectNode out = NODES.objectNode();
        for (String name : schema.properties().keySet()) {
          boolean linkId = name.equals("id") && schema.properties().containsKey("type");
          boolean everyAttribute = pointer.equals("/data/attributes");
          if (!everyAttribute && !schema.required().contains(name) && !(name.equals("attributes") && pointer.equals("/data"))
              && !(linkId && pointer.equals("/data") && op.kind() == OperationKind.UPDATE)) {
            continue;
          }
          if (linkId) {
            continue; // after type
          }
          out.set(name, generate(schema.property(name), op, pathId, pointer + "/" + name));
        }
        if (schema.properties().containsKey("type") && schema.properties().containsKey("id")
            && (schema.required().contains("id") || (pointer.equals("/data") && op.kind() == OperationKind.UPDATE))) {
          String t = out.path("type").asText();
          String id = pointer.equals("/data") && op.kind() == OperationKind.UPDATE ? pathId : fixture.idFor(t);
          out.put("id", id);
        }
        return out;
      }
      case "array" -> {
        ArrayNode out = NODES.arrayNode();
        if (schema.items() != null) {
          out.add(generate(schema.items(), op, pathId, pointer + "/0"));
        }
        return out;
      }
      case "integer" -> {
        long v = schema.minimum() != null ? schema.minimum().longValue() : 1;
        if (schema.maximum() != null && v > schema.maximum().longValue()) {
          v = schema.maximum().longValue();
        }
        return NODES.numberNode(v);
      }
      case "number" -> {
        return NODES.numberNode(schema.minimum() != null ? schema.minimum().doubleValue() : 1.0);
      }
      case "boolean" -> {
        return NODES.booleanNode(false);
      }
      case "string" -> {
        String format = String.valueOf(schema.format());
        return NODES.textNode(switch (format) {
          case "date-time" -> "2026-01-01T00:00:00Z";
          case "date" -> "2026-01-01";
          case "uri", "uri-reference" -> "https://example.com/conformance";
          case "email" -> "conformance@example.com";
          default -> "Conformance";
        });
      }
      default -> {
        return NODES.objectNode();
      }
    }
  }
}
