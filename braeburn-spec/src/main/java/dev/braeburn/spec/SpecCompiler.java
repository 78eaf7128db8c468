package dev.braeburn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Derives Braeburn's compact spec model from Apple's OpenAPI document. Run it when Apple publishes
 * a new spec version: {@code ./braeburn spec compile path/to/openapi.json}.
 *
 * <p>The model keeps operations (method, path, kind, parameters, body and success schema), the
 * schemas without prose, and per resource type its relationships with target type, cardinality,
 * storage name and inverse (see {@link RelationshipDeriver}).
 */
public final class SpecCompiler {
  public static final String MODEL_RESOURCE = "/dev/braeburn/spec/asc-model.json.gz";
  private static final List<String> METHODS = List.of("get", "post", "patch", "delete");

  private final JsonNode openApi;
  private final JsonNode schemas;
  private final ObjectMapper mapper;

  private SpecCompiler(JsonNode openApi, ObjectMapper mapper) {
    this.openApi = openApi;
    this.schemas = openApi.path("components").path("schemas");
    this.mapper = mapper;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SpecCompiler <openapi.json> <model.json.gz>");
      System.exit(2);
    }
    compile(Path.of(args[0]), Path.of(args[1]));
  }

  /** Reads the OpenAPI file and writes the gzipped compact model. */
  public static void compile(Path openApiFile, Path modelFile) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode model = new SpecCompiler(mapper.readTree(openApiFile.toFile()), mapper).model();
    Path parent = modelFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, "model", ".tmp");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
      mapper.writeValue(out, model);
    }
    Files.move(tmp, modelFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private ObjectNode model() {
    ObjectNode model = mapper.createObjectNode();
    model.put("specVersion", openApi.path("info").path("version").asText());
    ArrayNode operations = model.putArray("operations");
    Map<String, String> segmentTypes = segmentTypes();
    new TreeMap<>(fieldMap(openApi.path("paths")))
        .forEach((path, item) -> compilePath(path, item, segmentTypes, operations));
    model.set("resources", new RelationshipDeriver(schemas, operations).resources());
    ObjectNode compactSchemas = model.putObject("schemas");
    new TreeMap<>(fieldMap(schemas))
        .forEach((name, schema) -> compactSchemas.set(name, SchemaCompactor.compact(schema)));
    return model;
  }

  /** Maps each first path segment ("inAppPurchases") to the resource type its paths serve. */
  private Map<String, String> segmentTypes() {
    Map<String, String> types = new TreeMap<>();
    fieldMap(openApi.path("paths"))
        .forEach(
            (path, item) -> {
              List<String> segments = segments(path);
              PathShape shape = PathShape.of(segments);
              if (shape == PathShape.COLLECTION || shape == PathShape.INSTANCE) {
                for (String method : METHODS) {
                  JsonNode op = item.get(method);
                  String type = op == null ? null : primaryType(op);
                  if (type != null) {
                    types.putIfAbsent(segments.get(1), type);
                  }
                }
              }
            });
    return types;
  }

  private void compilePath(
      String path, JsonNode item, Map<String, String> segmentTypes, ArrayNode operations) {
    List<String> segments = segments(path);
    PathShape shape = PathShape.of(segments);
    if (shape == null) {
      throw new IllegalStateException("unexpected path shape: " + path);
    }
    for (String method : METHODS) {
      JsonNode op = item.get(method);
      if (op == null) {
        continue;
      }
      String upper = method.toUpperCase(Locale.ROOT);
      ObjectNode out = operations.addObject();
      out.put("id", op.path("operationId").asText());
      out.put("method", upper);
      out.put("path", path);
      out.put("kind", OperationKind.of(upper, shape).name());
      out.put("type", segmentTypes.getOrDefault(segments.get(1), segments.get(1)));
      if (shape == PathShape.RELATED || shape == PathShape.RELATIONSHIP) {
        out.put("relationship", segments.getLast());
      }
      if (shape == PathShape.METRICS) {
        out.put("metric", segments.getLast());
      }
      if (op.path("deprecated").asBoolean(false)) {
        out.put("deprecated", true);
      }
      ArrayNode params = out.putArray("params");
      for (JsonNode p : parameters(item, op)) {
        if (!"query".equals(p.path("in").asText())) {
          continue;
        }
        ObjectNode param = params.addObject();
        param.put("name", p.path("name").asText());
        if (p.path("required").asBoolean(false)) {
          param.put("required", true);
        }
        param.set("schema", SchemaCompactor.compact(p.path("schema")));
      }
      JsonNode body = op.path("requestBody").path("content").path("application/json");
      if (!body.isMissingNode()) {
        out.put("body", SchemaCompactor.shortRef(body.path("schema").path("$ref").asText()));
      }
      compileSuccess(op, out);
    }
  }

  private void compileSuccess(JsonNode op, ObjectNode out) {
    for (String status : List.of("200", "201", "202", "204")) {
      JsonNode response = op.path("responses").get(status);
      if (response == null) {
        continue;
      }
      ObjectNode success = out.putObject("success");
      success.put("status", Integer.parseInt(status));
      Iterator<Map.Entry<String, JsonNode>> content = response.path("content").fields();
      if (content.hasNext()) {
        Map.Entry<String, JsonNode> first = content.next();
        success.put("contentType", first.getKey());
        String ref = first.getValue().path("schema").path("$ref").asText("");
        if (!ref.isEmpty()) {
          success.put("schema", SchemaCompactor.shortRef(ref));
        }
      }
      return;
    }
  }

  /** Resource type an operation's response or request document carries in {@code data}. */
  private String primaryType(JsonNode op) {
    for (String status : List.of("200", "201")) {
      JsonNode schema =
          op.path("responses").path(status).path("content").path("application/json").path("schema");
      String type = dataType(schema);
      if (type != null) {
        return type;
      }
    }
    return dataType(op.path("requestBody").path("content").path("application/json").path("schema"));
  }

  private String dataType(JsonNode schemaRef) {
    JsonNode doc = resolve(schemaRef);
    if (doc == null) {
      return null;
    }
    JsonNode data = doc.path("properties").path("data");
    if (data.has("items")) {
      data = data.get("items");
    }
    JsonNode resource = resolve(data);
    JsonNode type = resource == null ? null : resource.path("properties").path("type").path("enum");
    return type != null && type.size() == 1 ? type.get(0).asText() : null;
  }

  private JsonNode resolve(JsonNode schema) {
    if (schema == null || schema.isMissingNode()) {
      return null;
    }
    return schema.has("$ref")
        ? schemas.get(SchemaCompactor.shortRef(schema.get("$ref").asText()))
        : schema;
  }

  private static List<JsonNode> parameters(JsonNode item, JsonNode op) {
    List<JsonNode> all = new ArrayList<>();
    item.path("parameters").forEach(all::add);
    op.path("parameters").forEach(all::add);
    return all;
  }

  static List<String> segments(String path) {
    return Arrays.asList(path.substring(1).split("/"));
  }

  static Map<String, JsonNode> fieldMap(JsonNode node) {
    Map<String, JsonNode> map = new TreeMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }
}
