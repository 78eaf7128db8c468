package dev.braeburn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of a compact OpenAPI schema: the subset of keywords Apple's spec uses (type, format,
 * enum, properties, required, items, oneOf, additionalProperties, nullable, minimum, maximum,
 * $ref). References are resolved through {@link Spec#resolve(Schema)}.
 */
public final class Schema {
  private final String ref;
  private final String type;
  private final String format;
  private final boolean nullable;
  private final List<String> enumValues;
  private final Map<String, Schema> properties;
  private final Set<String> required;
  private final Schema items;
  private final List<Schema> oneOf;
  private final Schema additionalProperties;
  private final BigDecimal minimum;
  private final BigDecimal maximum;
  private final boolean deprecated;

  private Schema(JsonNode node) {
    ref = text(node, "$ref");
    type = text(node, "type");
    format = text(node, "format");
    nullable = node.path("nullable").asBoolean(false);
    deprecated = node.path("deprecated").asBoolean(false);
    enumValues = node.has("enum") ? strings(node.get("enum")) : null;
    properties = new LinkedHashMap<>();
    node.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), parse(e.getValue())));
    required = new LinkedHashSet<>(strings(node.path("required")));
    items = node.has("items") ? parse(node.get("items")) : null;
    List<Schema> branches = new ArrayList<>();
    node.path("oneOf").forEach(b -> branches.add(parse(b)));
    oneOf = List.copyOf(branches);
    JsonNode additional = node.get("additionalProperties");
    additionalProperties = additional != null && additional.isObject() ? parse(additional) : null;
    minimum = node.has("minimum") ? node.get("minimum").decimalValue() : null;
    maximum = node.has("maximum") ? node.get("maximum").decimalValue() : null;
  }

  public static Schema parse(JsonNode node) {
    return new Schema(node);
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  public String ref() {
    return ref;
  }

  public String type() {
    return type;
  }

  public String format() {
    return format;
  }

  public boolean nullable() {
    return nullable;
  }

  public boolean deprecated() {
    return deprecated;
  }

  /** Allowed values, or null when the schema has no enum. */
  public List<String> enumValues() {
    return enumValues;
  }

  public Map<String, Schema> properties() {
    return properties;
  }

  public Schema property(String name) {
    return properties.get(name);
  }

  public Set<String> required() {
    return required;
  }

  public Schema items() {
    return items;
  }

  public List<Schema> oneOf() {
    return oneOf;
  }

  /** Schema of extra map entries ({@code additionalProperties: {...}}), or null. */
  public Schema additionalProperties() {
    return additionalProperties;
  }

  public BigDecimal minimum() {
    return minimum;
  }

  public BigDecimal maximum() {
    return maximum;
  }

  public boolean isArray() {
    return "array".equals(type);
  }
}
