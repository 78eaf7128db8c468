package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.JsonBodies;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a request body against the operation's request schema, in Apple's order (protocol.md
 * §4.5): not JSON → 400 {@code ENTITY_INVALID}; JSON but not a JSON:API document → 422 {@code
 * ENTITY_UNPROCESSABLE}; then every problem with the data → 409 {@code ENTITY_ERROR.*}, one error
 * per problem, each with {@code source.pointer}.
 */
public final class BodyValidator {
  /**
   * The most resource identifiers in one linkage array and the most inline-created resources in
   * {@code included}: each costs a lookup or an insert inside the team's write transaction, which
   * serialises that team's writes. Apple's limits are not recorded (the spec sets no maxItems);
   * 1,000 is far above any recorded batch (inferred).
   */
  public static final int MAX_ITEMS = 1000;

  private final Spec spec;
  private final ObjectMapper mapper;
  private final ValueValidator values;
  private final JsonBodies json;

  public BodyValidator(Spec spec, ObjectMapper mapper) {
    this.spec = spec;
    this.mapper = mapper;
    this.json = new JsonBodies(mapper);
    this.values = new ValueValidator(spec);
  }

  public RequestDocument validate(Operation op, String pathId, byte[] body) {
    JsonNode doc = parse(body);
    Schema schema = spec.schema(op.bodySchema());
    if (!doc.isObject()) {
      throw new ApiException(Errors.entityUnprocessable("The request body must be a JSON object with a 'data' member"));
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (schema.property(member) == null) {
        throw new ApiException(Errors.entityUnprocessable("Unrecognized field '" + member + "'"));
      }
    }
    if (!doc.has("data")) {
      throw new ApiException(Errors.entityUnprocessable("The request body must have a 'data' member"));
    }
    Schema dataSchema = spec.resolve(schema.property("data"));
    JsonNode data = doc.get("data");
    if (op.relationship() != null) {
      return new RequestDocument(null, null, null, Map.of(), List.of(), linkages(dataSchema, data));
    }
    return resource(op, pathId, dataSchema, data, doc.get("included"));
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new ApiException(Errors.entityInvalid("The request body is empty; a JSON document is required"));
    }
    return json.read(body);
  }

  private static void checkCount(JsonNode array, String pointer) {
    if (array.size() > MAX_ITEMS) {
      throw new ApiException(tooMany(array, pointer));
    }
  }

  private static ApiError tooMany(JsonNode array, String pointer) {
    return Errors.relationshipInvalid("'" + pointer.substring(1) + "' has " + array.size() + " entries; one request takes at most "
        + MAX_ITEMS, pointer);
  }

  private JsonNode linkages(Schema dataSchema, JsonNode data) {
    List<ApiError> errors = new ArrayList<>();
    if (dataSchema.isArray()) {
      if (!data.isArray()) {
        throw new ApiException(Errors.entityUnprocessable("'data' must be an array of resource identifiers"));
      }
      checkCount(data, "/data");
      for (int i = 0; i < data.size(); i++) {
        identifier(spec.resolve(dataSchema.items()), data.get(i), "/data/" + i, errors);
      }
    } else if (!data.isNull()) {
      identifier(dataSchema, data, "/data", errors);
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    return data;
  }

  private void identifier(Schema schema, JsonNode node, String pointer, List<ApiError> errors) {
    if (!node.isObject() || !node.path("type").isTextual() || !node.path("id").isTextual()) {
      throw new ApiException(Errors.entityUnprocessable("'" + pointer.substring(1) + "' must be an object with 'type' and 'id'"));
    }
    List<String> types = schema.property("type").enumValues();
    String type = node.get("type").asText();
    if (types != null && !types.contains(type)) {
      errors.add(Errors.attributeInvalid(
          "'" + type + "' is not a valid type here. Expected '" + String.join("', '", types) + "'", pointer + "/type"));
    }
  }

  private RequestDocument resource(Operation op, String pathId, Schema dataSchema, JsonNode data, JsonNode included) {
    if (!data.isObject()) {
      throw new ApiException(Errors.entityUnprocessable("'data' must be a resource object"));
    }
    for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (dataSchema.property(member) == null && !member.equals("id")) {
        throw new ApiException(Errors.entityUnprocessable("Unrecognized field 'data." + member + "'"));
      }
    }
    List<ApiError> errors = new ArrayList<>();
    String expectedType = dataSchema.property("type").enumValues().getFirst();
    String type = data.path("type").asText(null);
    if (type == null) {
      errors.add(Errors.attributeRequired("type", "/data/type"));
    } else if (!type.equals(expectedType)) {
      errors.add(Errors.attributeInvalid(
          "The type '" + type + "' does not match the resource type '" + expectedType + "' of this request", "/data/type"));
    }
    String id = data.path("id").isTextual() ? data.get("id").asText() : null;
    if (pathId != null && (id == null || !id.equals(pathId))) {
      errors.add(Errors.attributeInvalid(
          "The id '" + id + "' in the request body does not match the id '" + pathId + "' in the URL", "/data/id"));
    }
    ObjectNode attributes = attributes(expectedType, spec.resolve(dataSchema.property("attributes")), data.get("attributes"), errors);
    Map<String, JsonNode> relationships =
        relationships(expectedType, spec.resolve(dataSchema.property("relationships")), data.get("relationships"), errors);
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    List<JsonNode> inline = new ArrayList<>();
    if (included != null && included.isArray()) {
      checkCount(included, "/included");
      included.forEach(inline::add);
    }
    return new RequestDocument(expectedType, id, attributes, relationships, inline, null);
  }

  private ObjectNode attributes(String type, Schema schema, JsonNode given, List<ApiError> errors) {
    ObjectNode out = mapper.createObjectNode();
    if (given == null || given.isNull()) {
      given = mapper.createObjectNode();
    }
    if (!given.isObject()) {
      errors.add(Errors.attributeType("Unexpected json type for 'attributes'. Expected OBJECT but got " + given.getNodeType(), "/data/attributes"));
      return out;
    }
    Map<String, Schema> props = schema == null ? Map.of() : schema.properties();
    for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String pointer = "/data/attributes/" + e.getKey();
      Schema attr = props.get(e.getKey());
      if (attr == null) {
        errors.add(Errors.attributeUnknown(type, e.getKey(), pointer));
      } else {
        values.check(e.getKey(), attr, e.getValue(), pointer, errors);
        out.set(e.getKey(), e.getValue());
      }
    }
    if (schema != null) {
      for (String required : schema.required()) {
        JsonNode v = given.get(required);
        if (v == null || v.isNull()) {
          errors.add(Errors.attributeRequired(required, "/data/attributes/" + required));
        }
      }
    }
    return out;
  }

  private Map<String, JsonNode> relationships(String type, Schema schema, JsonNode given, List<ApiError> errors) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (given != null && given.isObject()) {
      Map<String, Schema> props = schema == null ? Map.of() : schema.properties();
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String pointer = "/data/relationships/" + e.getKey();
        Schema rel = props.get(e.getKey());
        if (rel == null) {
          errors.add(Errors.relationshipUnknown(type, e.getKey(), pointer));
          continue;
        }
        JsonNode data = e.getValue().get("data");
        if (!e.getValue().isObject() || data == null) {
          errors.add(Errors.relationshipInvalid("The relationship '" + e.getKey() + "' must have a 'data' member", pointer));
          continue;
        }
        Schema dataSchema = spec.resolve(spec.resolve(rel).property("data"));
        checkLinkage(dataSchema, data, pointer + "/data", errors);
        out.put(e.getKey(), data);
      }
    } else if (given != null && !given.isNull()) {
      errors.add(Errors.relationshipInvalid("'relationships' must be an object", "/data/relationships"));
    }
    if (schema != null) {
      for (String required : schema.required()) {
        JsonNode v = out.get(required);
        if (v == null || v.isNull()) {
          errors.add(Errors.relationshipRequired(required, "/data/relationships/" + required));
        }
      }
    }
    return out;
  }

  private void checkLinkage(Schema dataSchema, JsonNode data, String pointer, List<ApiError> errors) {
    if (dataSchema == null || data.isNull()) {
      return;
    }
    if (dataSchema.isArray() != data.isArray()) {
      errors.add(Errors.relationshipInvalid(
          "The relationship data must be " + (dataSchema.isArray() ? "an array" : "a single resource identifier"), pointer));
      return;
    }
    if (data.isArray() && data.size() > MAX_ITEMS) {
      errors.add(tooMany(data, pointer));
      return;
    }
    Schema item = spec.resolve(dataSchema.isArray() ? dataSchema.items() : dataSchema);
    List<JsonNode> entries = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(entries::add);
    } else {
      entries.add(data);
    }
    List<String> types = item.property("type") == null ? null : item.property("type").enumValues();
    for (JsonNode entry : entries) {
      if (!entry.path("type").isTextual() || !entry.path("id").isTextual()) {
        errors.add(Errors.relationshipInvalid("A resource identifier needs string 'type' and 'id'", pointer));
      } else if (types != null && !types.contains(entry.get("type").asText())) {
        errors.add(Errors.relationshipInvalid(
            "'" + entry.get("type").asText() + "' is not a valid type for this relationship. Expected '" + String.join("', '", types) + "'",
            pointer));
      }
    }
  }
}
