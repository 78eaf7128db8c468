package dev.braeburn.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Computes the table's initial values for a new resource. */
final class InitialValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)(?:\\.([A-Za-z]+))?}");

  private final TypeShapes shapes;

  InitialValues(TypeShapes shapes) {
    this.shapes = shapes;
  }

  /** Fixed values, server time, generated ids, then values read from the resource's own attributes. */
  void own(Map<String, ValueRule> rules, String id, ObjectNode attributes, Instant now) {
    rules.forEach((attribute, rule) -> {
      if (absent(attributes, attribute) && rule.computes() && !rule.relational() && !rule.dependsOnOwnAttributes()) {
        set(attributes, attribute, switch (rule.kind()) {
          case VALUE -> rule.value().deepCopy();
          case NOW -> time(rule, now);
          case GENERATE -> NODES.textNode(Generators.generate(rule.source()));
          default -> null;
        });
      }
    });
    rules.forEach((attribute, rule) -> {
      if (absent(attributes, attribute) && rule.dependsOnOwnAttributes()) {
        set(attributes, attribute, rule.kind() == ValueRule.Kind.FROM
            ? mapped(rule, attributes.get(rule.source()))
            : NODES.textNode(fill(rule.source(), id, attributes, (rel, attr) -> null)));
      }
    });
  }

  /** Values read from to-one related resources, once the create's relationships are linked. Returns whether any was set. */
  boolean related(StoreTx tx, Resource created, Map<String, ValueRule> rules, ObjectNode attributes) {
    boolean changed = false;
    for (var e : rules.entrySet()) {
      ValueRule rule = e.getValue();
      if (!rule.computes() || !rule.relational() || !absent(attributes, e.getKey())) {
        continue;
      }
      JsonNode value = switch (rule.kind()) {
        case FROM -> {
          StateSource source = StateSource.parse(rule.source());
          yield parent(tx, shapes, created, source.relationship()).map(p -> mapped(rule, read(p, source.attribute()))).orElse(null);
        }
        case TEMPLATE -> NODES.textNode(fill(rule.source(), created.id(), attributes,
            (rel, attr) -> parent(tx, shapes, created, rel).map(p -> read(p, attr)).map(JsonNode::asText).orElse(null)));
        case ORDINAL -> ordinal(tx, created, rule);
        default -> null;
      };
      changed |= set(attributes, e.getKey(), value);
    }
    return changed;
  }

  /** The to-one related resource {@code relationship} of a resource, if linked. */
  static Optional<Resource> parent(StoreTx tx, TypeShapes shapes, Resource resource, String relationship) {
    Relationship rel = shapes.relationship(resource.type(), relationship);
    if (rel == null) {
      return Optional.empty();
    }
    List<Linkage> linked = tx.linked(resource.type(), resource.id(), rel.storage());
    return linked.isEmpty() ? Optional.empty() : tx.find(linked.getFirst().type(), linked.getFirst().id());
  }

  private JsonNode ordinal(StoreTx tx, Resource created, ValueRule rule) {
    Relationship rel = shapes.relationship(created.type(), rule.source());
    Optional<Resource> parent = parent(tx, shapes, created, rule.source());
    long count = parent.map(p -> tx.linked(p.type(), p.id(), rel.inverse()).stream().filter(l -> l.type().equals(created.type())).count())
        .orElse(1L);
    long ordinal = Math.max(1, count);
    return rule.asString() ? NODES.textNode(Long.toString(ordinal)) : NODES.numberNode(ordinal);
  }

  private static JsonNode read(Resource resource, String attribute) {
    return attribute.equals("id") ? NODES.textNode(resource.id()) : resource.attributes().get(attribute);
  }

  private static JsonNode mapped(ValueRule rule, JsonNode source) {
    if (source == null || source.isNull()) {
      return null;
    }
    if (rule.map().isEmpty()) {
      return source.deepCopy();
    }
    JsonNode mapped = rule.map().get(source.asText());
    return mapped == null ? rule.map().get("*") : mapped;
  }

  private static JsonNode time(ValueRule rule, Instant now) {
    Instant at = rule.plus() == null ? now : now.atOffset(ZoneOffset.UTC).plus(rule.plus()).toInstant();
    return NODES.textNode(rule.source().equals("date")
        ? at.atOffset(ZoneOffset.UTC).toLocalDate().toString()
        : at.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static String fill(String template, String id, ObjectNode attributes, java.util.function.BiFunction<String, String, String> related) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(2) != null) {
        value = related.apply(m.group(1), m.group(2));
      } else if (m.group(1).equals("id")) {
        value = id;
      } else {
        value = attributes.path(m.group(1)).asText("");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean absent(ObjectNode attributes, String attribute) {
    return !attributes.hasNonNull(attribute);
  }

  private static boolean set(ObjectNode attributes, String attribute, JsonNode value) {
    if (value == null || value.isNull()) {
      return false;
    }
    attributes.set(attribute, value);
    return true;
  }
}
