package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** JSON:API request bodies for create and update: {@code {"data":{"type","id"?,"attributes"?,"relationships"?}}}. */
public final class JsonApiBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonApiBody() {}

  /** An empty attributes object to fill. */
  public static ObjectNode attributes() {
    return JSON.createObjectNode();
  }

  /**
   * The body. {@code idOrNull} is null for a create. Relationship values are a {@link Ref}
   * (to-one), a list of refs (to-many), or null (clear a to-one).
   */
  public static ObjectNode of(String type, String idOrNull, JsonNode attributes, Map<String, ?> relationships) {
    ObjectNode data = JSON.createObjectNode().put("type", type);
    if (idOrNull != null) {
      data.put("id", idOrNull);
    }
    if (attributes != null && !attributes.isEmpty()) {
      data.set("attributes", attributes);
    }
    if (relationships != null && !relationships.isEmpty()) {
      ObjectNode rels = data.putObject("relationships");
      relationships.forEach((name, value) -> rels.putObject(name).set("data", linkage(name, value)));
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("data", data);
    return body;
  }

  private static JsonNode linkage(String name, Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof Ref) {
      Ref ref = (Ref) value;
      return JSON.createObjectNode().put("type", ref.type()).put("id", ref.id());
    }
    if (value instanceof List) {
      ArrayNode array = JSON.createArrayNode();
      for (Object each : (List<?>) value) {
        array.add(linkage(name, each));
      }
      return array;
    }
    throw new IllegalArgumentException("relationship " + name + ": expected a Ref, a List of Ref or null, not " + value.getClass());
  }
}
