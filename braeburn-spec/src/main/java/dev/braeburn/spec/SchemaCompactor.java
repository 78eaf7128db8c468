package dev.braeburn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Strips an OpenAPI schema down to the facts Braeburn needs (types, properties, required, enums,
 * formats, bounds, references). Apple's prose (description, title, examples) stays out of the
 * project, and so does everything the engine never reads.
 */
final class SchemaCompactor {
  private static final String REF_PREFIX = "#/components/schemas/";
  private static final Set<String> SCALAR_KEYS =
      Set.of("type", "format", "nullable", "minimum", "maximum", "deprecated");

  private SchemaCompactor() {}

  static ObjectNode compact(JsonNode schema) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "$ref" -> out.put("$ref", shortRef(value.asText()));
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          value.fields().forEachRemaining(p -> props.set(p.getKey(), compact(p.getValue())));
        }
        case "items", "additionalProperties" ->
            out.set(key, value.isObject() ? compact(value) : value);
        case "oneOf" -> {
          ArrayNode branches = out.putArray("oneOf");
          value.forEach(b -> branches.add(compact(b)));
        }
        case "required", "enum" -> out.set(key, value);
        default -> {
          if (SCALAR_KEYS.contains(key)) {
            out.set(key, value);
          }
        }
      }
    }
    return out;
  }

  static String shortRef(String ref) {
    return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
  }
}
