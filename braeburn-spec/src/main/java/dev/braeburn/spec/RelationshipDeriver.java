package dev.braeburn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Works out, for every resource type, its relationships: the target type, whether it is to-many,
 * the storage name shared by versioned twins ({@code inAppPurchases} and {@code
 * inAppPurchasesV2} on apps are one relation), and the inverse relation on the target type (a
 * build's {@code app} is the inverse of an app's {@code builds}). The spec never states inverses,
 * so they are inferred: a pair of relations between two types is inverse when each is the only
 * candidate for the other, or when their names match the types' names.
 */
final class RelationshipDeriver {
  private final JsonNode schemas;
  private final JsonNode operations;
  private final Map<String, Set<String>> schemaNames = new TreeMap<>();
  private final Map<String, Map<String, Rel>> relations = new TreeMap<>();

  private static final class Rel {
    String target;
    boolean toMany;
    String storage;
    String inverse;
  }

  RelationshipDeriver(JsonNode schemas, JsonNode operations) {
    this.schemas = schemas;
    this.operations = operations;
  }

  ObjectNode resources() {
    collectResourceSchemas();
    collectFromOperations();
    relations.values().removeIf(Map::isEmpty);
    relations.forEach((type, rels) -> rels.values().removeIf(r -> r.target == null));
    assignStorageNames();
    assignInverses();
    return toJson();
  }

  private void collectResourceSchemas() {
    schemas
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode props = e.getValue().path("properties");
              JsonNode typeEnum = props.path("type").path("enum");
              if (typeEnum.size() == 1 && props.has("id") && props.has("links")) {
                String type = typeEnum.get(0).asText();
                schemaNames.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(e.getKey());
                collectRelationships(type, props.path("relationships"));
              }
            });
  }

  private void collectFromOperations() {
    for (JsonNode op : operations) {
      String type = op.path("type").asText();
      String kind = op.path("kind").asText();
      String body = op.path("body").asText(null);
      if (("CREATE".equals(kind) || "UPDATE".equals(kind)) && body != null) {
        collectRelationships(
            type, resolve(schemas.get(body)).path("properties").path("data").path("properties")
                .path("relationships"));
      }
      String relName = op.path("relationship").asText(null);
      if (relName == null) {
        continue;
      }
      JsonNode doc =
          body != null && !"GET_RELATED".equals(kind)
              ? schemas.get(body)
              : schemas.get(op.path("success").path("schema").asText(""));
      JsonNode data = doc == null ? null : doc.path("properties").path("data");
      if (data != null && !data.isMissingNode()) {
        note(type, relName, data);
      }
    }
  }

  private void collectRelationships(String type, JsonNode relationshipsSchema) {
    relationshipsSchema
        .path("properties")
        .fields()
        .forEachRemaining(r -> note(type, r.getKey(), resolve(r.getValue()).path("properties").path("data")));
  }

  private void note(String type, String name, JsonNode data) {
    Rel rel =
        relations.computeIfAbsent(type, t -> new TreeMap<>()).computeIfAbsent(name, n -> new Rel());
    if (data.isMissingNode()) {
      return;
    }
    boolean many = "array".equals(data.path("type").asText()) || data.has("items");
    JsonNode item = resolve(many ? data.path("items") : data);
    JsonNode typeEnum = item.path("properties").path("type").path("enum");
    if (typeEnum.size() == 1) {
      rel.target = rel.target == null ? typeEnum.get(0).asText() : rel.target;
      rel.toMany |= many;
    }
  }

  /**
   * Versioned twins to the same type share storage: {@code builds} / {@code buildsV2}, and the
   * plural form some v1 schemas use for a to-one ({@code apps} / {@code app}).
   */
  private void assignStorageNames() {
    relations.forEach(
        (type, rels) ->
            rels.forEach(
                (name, rel) -> {
                  String base = name.replaceFirst("V[0-9]$", "");
                  if (base.equals(name) && rels.containsKey(singular(name))) {
                    base = singular(name); // v1 InAppPurchase.apps is the twin of app
                  }
                  Rel twin = rels.get(base);
                  rel.storage =
                      twin != null && twin != rel && rel.target.equals(twin.target) ? base : name;
                }));
  }

  private void assignInverses() {
    relations.forEach(
        (type, rels) ->
            rels.values()
                .forEach(
                    rel -> {
                      String inverse = inverseOf(type, rel);
                      rel.inverse = inverse == null ? null : storageOf(rel.target, inverse);
                    }));
    // Keep only symmetric pairs: T.R and U.S must name each other.
    relations.forEach(
        (type, rels) ->
            rels.values()
                .forEach(
                    rel -> {
                      Rel back = rel.inverse == null ? null : storageRel(rel.target, rel.inverse);
                      if (back == null
                          || !type.equals(back.target)
                          || !rel.storage.equals(back.inverse)) {
                        rel.inverse = null;
                      }
                    }));
  }

  /** Name of the one relation on the target type that points back, or null when unclear. */
  private String inverseOf(String type, Rel rel) {
    Map<String, Rel> targetRels = relations.get(rel.target);
    if (targetRels == null) {
      return null;
    }
    List<String> candidates = new ArrayList<>();
    Set<String> storages = new LinkedHashSet<>();
    targetRels.forEach(
        (name, candidate) -> {
          boolean self = rel.target.equals(type) && candidate == rel;
          if (type.equals(candidate.target) && !self && storages.add(candidate.storage)) {
            candidates.add(name);
          }
        });
    if (candidates.size() == 1) {
      return candidates.getFirst();
    }
    String singular = singular(type);
    for (String candidate : candidates) {
      String storage = targetRels.get(candidate).storage;
      if (storage.equals(singular) || storage.equals(type)) {
        return candidate;
      }
    }
    return null;
  }

  private String storageOf(String type, String name) {
    return relations.get(type).get(name).storage;
  }

  private Rel storageRel(String type, String storage) {
    Map<String, Rel> rels = relations.get(type);
    return rels == null ? null : rels.values().stream().filter(r -> r.storage.equals(storage)).findFirst().orElse(null);
  }

  static String singular(String plural) {
    if (plural.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    if (plural.endsWith("sses") || plural.endsWith("xes")) {
      return plural.substring(0, plural.length() - 2);
    }
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }

  private JsonNode resolve(JsonNode schema) {
    if (schema != null && schema.has("$ref")) {
      return schemas.path(SchemaCompactor.shortRef(schema.get("$ref").asText()));
    }
    return schema == null ? JsonNodeFactory.instance.missingNode() : schema;
  }

  private ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Set<String> types = new java.util.TreeSet<>(schemaNames.keySet());
    types.addAll(relations.keySet());
    for (String type : types) {
      ObjectNode node = out.putObject(type);
      schemaNames.getOrDefault(type, Set.of()).forEach(node.putArray("schemas")::add);
      ObjectNode rels = node.putObject("relationships");
      relations
          .getOrDefault(type, Map.of())
          .forEach(
              (name, rel) -> {
                ObjectNode r = rels.putObject(name);
                r.put("target", rel.target);
                r.put("toMany", rel.toMany);
                if (!rel.storage.equals(name)) {
                  r.put("storage", rel.storage);
                }
                if (rel.inverse != null) {
                  r.put("inverse", rel.inverse);
                }
              });
    }
    return out;
  }
}
