package dev.braeburn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Braeburn's compact model of Apple's App Store Connect API spec, loaded once at startup. */
public final class Spec {
  private final String version;
  private final List<Operation> operations;
  private final Map<String, Operation> byId = new HashMap<>();
  private final Map<String, Schema> schemas;
  private final Map<String, ResourceType> resources;
  private final java.util.Set<String> paths = new java.util.HashSet<>();

  private Spec(JsonNode model) {
    version = model.path("specVersion").asText();
    schemas = new HashMap<>();
    model.path("schemas").fields().forEachRemaining(e -> schemas.put(e.getKey(), Schema.parse(e.getValue())));
    resources = new LinkedHashMap<>();
    model.path("resources").fields().forEachRemaining(e -> resources.put(e.getKey(), resource(e.getKey(), e.getValue())));
    List<Operation> ops = new ArrayList<>();
    model.path("operations").forEach(op -> ops.add(operation(op)));
    operations = List.copyOf(ops);
    operations.forEach(op -> byId.put(op.id(), op));
    operations.forEach(op -> paths.add(op.path()));
  }

  /** Whether the spec has this path template, e.g. {@code /v1/apps/{id}/relationships/builds}. */
  public boolean hasPath(String template) {
    return paths.contains(template);
  }

  /** Loads the model committed with Braeburn (compiled from Apple's spec by SpecCompiler). */
  public static Spec load() {
    try (InputStream in = Spec.class.getResourceAsStream(SpecCompiler.MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("spec model missing: " + SpecCompiler.MODEL_RESOURCE);
      }
      return load(new GZIPInputStream(in, 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Spec load(InputStream modelJson) throws IOException {
    return new Spec(new ObjectMapper().readTree(modelJson));
  }

  private static ResourceType resource(String name, JsonNode node) {
    List<String> schemaNames = new ArrayList<>();
    node.path("schemas").forEach(s -> schemaNames.add(s.asText()));
    Map<String, Relationship> rels = new LinkedHashMap<>();
    node.path("relationships")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode r = e.getValue();
              rels.put(
                  e.getKey(),
                  new Relationship(
                      name,
                      e.getKey(),
                      r.path("target").asText(),
                      r.path("toMany").asBoolean(),
                      r.path("storage").asText(e.getKey()),
                      r.path("inverse").asText(null)));
            });
    return new ResourceType(name, List.copyOf(schemaNames), Map.copyOf(rels));
  }

  private static Operation operation(JsonNode op) {
    Map<String, Parameter> params = new LinkedHashMap<>();
    op.path("params")
        .forEach(
            p -> {
              Parameter param =
                  Parameter.of(p.path("name").asText(), p.path("required").asBoolean(false), Schema.parse(p.path("schema")));
              params.put(param.name(), param);
            });
    JsonNode success = op.path("success");
    return new Operation(
        op.path("id").asText(),
        op.path("method").asText(),
        op.path("path").asText(),
        OperationKind.valueOf(op.path("kind").asText()),
        op.path("type").asText(),
        op.path("relationship").asText(null),
        op.path("deprecated").asBoolean(false),
        Map.copyOf(params),
        op.path("body").asText(null),
        new SuccessResponse(
            success.path("status").asInt(200),
            success.path("contentType").asText(null),
            success.path("schema").asText(null)));
  }

  public String version() {
    return version;
  }

  public List<Operation> operations() {
    return operations;
  }

  public Operation operation(String id) {
    return byId.get(id);
  }

  public Schema schema(String name) {
    return schemas.get(name);
  }

  /** Follows {@code $ref}s until a schema with content. */
  public Schema resolve(Schema schema) {
    Schema current = schema;
    while (current != null && current.ref() != null) {
      current = schemas.get(current.ref());
    }
    return current;
  }

  public ResourceType resourceType(String name) {
    return resources.get(name);
  }

  public Collection<ResourceType> resourceTypes() {
    return resources.values();
  }
}
