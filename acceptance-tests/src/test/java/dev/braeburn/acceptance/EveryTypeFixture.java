package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Parameter;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.ResourceType;
import dev.braeburn.spec.Spec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One resource of every type the spec knows, for walks over all operations (conformance,
 * tenancy): each type's "primary" id — a seeded one where the seed has it, otherwise an inserted
 * resource {@code <prefix><type>} linked through every relationship to the other primaries — and
 * query values that point at those ids.
 */
public final class EveryTypeFixture {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Spec spec;
  private final String prefix;
  private final Map<String, String> primary = new TreeMap<>();

  public EveryTypeFixture(Spec spec, String prefix) {
    this.spec = spec;
    this.prefix = prefix;
  }

  /**
   * Types the demo seed has only on versions in flight (waiting for review, rejected, phasing):
   * walks that write make their own, linked to the preferred editable version, rather than take
   * the seed's as primaries.
   */
  public static final java.util.Set<String> IN_FLIGHT = java.util.Set.of("reviewSubmissions", "reviewSubmissionItems",
      "appStoreReviewDetails", "appScreenshotSets", "appScreenshots", "appStoreVersionPhasedReleases");

  /** A resource that exists already; the first one seen of a type becomes its primary. */
  public void known(String type, String id) {
    primary.putIfAbsent(type, id);
  }

  /** Makes {@code id} the primary of {@code type}, whatever was seen before. */
  public void prefer(String type, String id) {
    primary.put(type, id);
  }

  public boolean has(String type) {
    return primary.containsKey(type);
  }

  /** The primary id of a type ({@code <prefix><type>} for a type no resource was made for). */
  public String idFor(String type) {
    return primary.getOrDefault(type, prefix + type);
  }

  /**
   * Resources ({@code data} of an admin load) for every resource type that has no primary yet —
   * named by the spec, by an operation or as a relationship target — each linked through all its
   * relationships to the primaries; they become those types' primaries.
   */
  public ArrayNode missingResources() {
    TreeSet<String> types = new TreeSet<>();
    spec.resourceTypes().forEach(t -> types.add(t.name()));
    spec.operations().forEach(op -> {
      if (op.type() != null && !op.type().isEmpty()) {
        types.add(op.type());
      }
    });
    for (ResourceType t : spec.resourceTypes()) {
      t.relationships().values().forEach(r -> types.add(r.target()));
    }
    types.removeIf(t -> spec.resourceType(t) == null || primary.containsKey(t));
    types.forEach(t -> primary.put(t, prefix + t));
    ArrayNode data = NODES.arrayNode();
    for (String type : types) {
      ObjectNode r = data.addObject();
      r.put("type", type).put("id", prefix + type);
      r.putObject("attributes");
      ObjectNode rels = r.putObject("relationships");
      for (Relationship rel : spec.resourceType(type).relationships().values()) {
        String target = primary.get(rel.target());
        if (target == null) {
          continue;
        }
        ObjectNode link = NODES.objectNode().put("type", rel.target()).put("id", target);
        if (rel.toMany()) {
          rels.putObject(rel.name()).putArray("data").add(link);
        } else {
          rels.putObject(rel.name()).set("data", link);
        }
      }
    }
    return data;
  }

  /** {@code ?…} with the operation's required parameters and, where allowed, every includable relationship. */
  public String queryWithIncludes(Operation op) {
    StringBuilder query = new StringBuilder();
    for (Parameter p : op.requiredParameters()) {
      query.append(query.isEmpty() ? "?" : "&")
          .append(p.name())
          .append('=')
          .append(URLEncoder.encode(queryValue(op, p), StandardCharsets.UTF_8));
    }
    Parameter include = op.parameter("include");
    if (include != null && include.allowedValues() != null && !include.allowedValues().isEmpty()) {
      // include everything includable, so that `included` is exercised too
      query.append(query.isEmpty() ? "?" : "&").append("include=").append(String.join(",", include.allowedValues()));
    }
    return query.toString();
  }

  /** A value for a required parameter: an allowed value, a primary id the parameter names, or a plain literal. */
  public String queryValue(Operation op, Parameter p) {
    List<String> allowed = p.allowedValues();
    if (allowed != null && !allowed.isEmpty()) {
      return allowed.getFirst();
    }
    String key = p.key();
    if (key != null) {
      ResourceType rt = spec.resourceType(op.type());
      Relationship rel = rt == null ? null : rt.relationship(key);
      if (rel != null && primary.containsKey(rel.target())) {
        return primary.get(rel.target());
      }
      if (key.equals("id")) {
        return idFor(op.type());
      }
      if (primary.containsKey(key)) {
        return primary.get(key);
      }
      if (primary.containsKey(key + "s")) {
        return primary.get(key + "s");
      }
    }
    return switch (p.valueType()) {
      case "integer", "number" -> "1";
      case "boolean" -> "true";
      default -> key != null && key.toLowerCase().contains("date") ? "2026-01-01" : "1";
    };
  }
}
