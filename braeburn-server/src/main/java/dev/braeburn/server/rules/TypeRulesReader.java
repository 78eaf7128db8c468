package dev.braeburn.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code type-rules.json} and checks every row against the spec model: types, attributes,
 * relationships and enum values must exist, so a typo or a spec change fails at start, listing
 * every problem at once.
 */
final class TypeRulesReader {
  private static final Set<String> VALUE_KINDS = Set.of("value", "now", "from", "template", "generate", "ordinal", "family", "null", "pending");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)(?:\\.([A-Za-z]+))?}");

  record Parsed(Map<String, Refusal> refusals, Map<String, ValueRule> everyType, Map<String, TypeRule> types, Map<String, Fact> facts,
      Map<String, StateSet> stateSets) {}

  /** A named set of states several rows share (a version's editable states), with why. */
  record StateSet(String name, Set<String> values, String why) {}

  private final TypeShapes shapes;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Fact> facts = new LinkedHashMap<>();
  private final Map<String, StateSet> stateSets = new LinkedHashMap<>();

  TypeRulesReader(TypeShapes shapes) {
    this.shapes = shapes;
  }

  Parsed read(InputStream in) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Refusal> refusals = new LinkedHashMap<>();
    root.path("refusals").fields().forEachRemaining(e -> refusals.put(e.getKey(), refusal(e.getKey(), e.getValue())));
    Map<String, ValueRule> everyType = new LinkedHashMap<>();
    root.path("everyType").fields().forEachRemaining(e -> everyType.put(e.getKey(), valueRule(null, e.getKey(), e.getValue())));
    root.path("stateSets").fields().forEachRemaining(e -> {
      Set<String> values = new LinkedHashSet<>();
      e.getValue().path("values").forEach(v -> values.add(v.asText()));
      stateSets.put(e.getKey(), new StateSet(e.getKey(), Set.copyOf(values), e.getValue().path("why").asText("")));
    });
    root.path("facts").fields().forEachRemaining(e -> fact(e.getKey(), e.getValue()));
    Map<String, TypeRule> types = new LinkedHashMap<>();
    root.path("types").fields().forEachRemaining(e -> {
      if (!shapes.knows(e.getKey())) {
        problems.add("unknown type " + e.getKey());
      } else {
        types.put(e.getKey(), typeRule(e.getKey(), e.getValue(), refusals.keySet()));
      }
    });
    if (types.values().stream().anyMatch(t -> !t.fixed().isEmpty()) && !refusals.containsKey(TypeRules.FIXED_REFUSAL)) {
      problems.add("fixed rows need the refusal " + TypeRules.FIXED_REFUSAL);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("type-rules.json does not match the spec:\n  " + String.join("\n  ", problems));
    }
    return new Parsed(ordered(refusals), ordered(everyType), ordered(types), ordered(facts), ordered(stateSets));
  }

  /** An unmodifiable copy that keeps the file's order, so the generated docs are stable. */
  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private Refusal refusal(String name, JsonNode n) {
    return new Refusal(name, n.path("status").asInt(409), n.path("code").asText(), n.path("title").asText(),
        n.path("detail").asText(null), n.path("pointer").asText(null));
  }

  private TypeRule typeRule(String type, JsonNode n, Set<String> refusals) {
    Map<String, ValueRule> initial = new LinkedHashMap<>();
    n.path("initial").fields().forEachRemaining(e -> {
      attribute(type, e.getKey(), "initial");
      initial.put(e.getKey(), valueRule(type, e.getKey(), e.getValue()));
    });
    Map<String, String> fixed = new LinkedHashMap<>();
    n.path("fixed").fields().forEachRemaining(e -> {
      attribute(type, e.getKey(), "fixed");
      fixed.put(e.getKey(), e.getValue().asText());
    });
    Map<String, StateMachine> states = new LinkedHashMap<>();
    n.path("states").fields().forEachRemaining(e -> states.put(e.getKey(), machine(type, e.getKey(), e.getValue())));
    List<StateRule> edits = new ArrayList<>();
    n.path("editable").forEach(e -> edits.add(stateRule(type, e, refusals, true)));
    StateRule create = n.has("create") ? stateRule(type, n.get("create"), refusals, false) : null;
    StateRule delete = n.has("delete") ? stateRule(type, n.get("delete"), refusals, false) : null;
    Map<String, Limit> limits = new LinkedHashMap<>();
    n.path("limits").fields().forEachRemaining(e -> {
      attribute(type, e.getKey(), type + ".limits");
      String refusal = e.getValue().path("refusal").asText();
      if (!refusals.contains(refusal)) {
        problems.add(type + ".limits." + e.getKey() + ": unknown refusal " + refusal);
      }
      if (e.getValue().path("maxLength").asInt(0) < 1) {
        problems.add(type + ".limits." + e.getKey() + ": maxLength must be positive");
      }
      limits.put(e.getKey(), new Limit(e.getKey(), e.getValue().path("maxLength").asInt(), e.getValue().path("label").asText(e.getKey()),
          refusal, e.getValue().path("why").asText("")));
    });
    return new TypeRule(type, n.path("owner").asText(null), ordered(initial), ordered(fixed), ordered(states),
        List.copyOf(edits), create, delete, ordered(limits));
  }

  private ValueRule valueRule(String type, String attribute, JsonNode n) {
    List<String> kinds = new ArrayList<>();
    n.fieldNames().forEachRemaining(f -> {
      if (VALUE_KINDS.contains(f)) {
        kinds.add(f);
      }
    });
    String where = (type == null ? "everyType" : type) + "." + attribute;
    if (kinds.size() != 1) {
      problems.add(where + ": exactly one of " + VALUE_KINDS + " expected, got " + kinds);
      return new ValueRule(ValueRule.Kind.NULL, null, null, Map.of(), null, false, "", false);
    }
    String kind = kinds.getFirst();
    JsonNode body = n.get(kind);
    Map<String, JsonNode> map = new LinkedHashMap<>();
    n.path("map").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    Period plus = null;
    if (n.has("plus")) {
      try {
        plus = Period.parse(n.get("plus").asText());
      } catch (DateTimeParseException e) {
        problems.add(where + ": plus is not an ISO period: " + n.get("plus").asText());
      }
    }
    String why = n.path("why").asText("");
    if ((kind.equals("null") || kind.equals("pending") || kind.equals("family")) && body.asText().isBlank()) {
      problems.add(where + ": a '" + kind + "' row must say why (or which family)");
    }
    ValueRule rule = new ValueRule(ValueRule.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), kind.equals("value") ? body : null,
        kind.equals("value") ? null : body.asText(), ordered(map), plus, n.path("asString").asBoolean(false),
        kind.equals("null") || kind.equals("pending") || kind.equals("family") ? body.asText() : why, n.path("inferred").asBoolean(false));
    if (type != null) {
      checkValueRule(type, attribute, rule, where);
    }
    return rule;
  }

  private void checkValueRule(String type, String attribute, ValueRule rule, String where) {
    switch (rule.kind()) {
      case VALUE -> enumValue(type, attribute, rule.value(), where);
      case NOW -> {
        if (!rule.source().equals("date-time") && !rule.source().equals("date")) {
          problems.add(where + ": now must be date-time or date");
        }
      }
      case FROM -> {
        source(type, rule.source(), where);
        rule.map().values().forEach(v -> enumValue(type, attribute, v, where));
      }
      case TEMPLATE -> {
        Matcher m = PLACEHOLDER.matcher(rule.source());
        while (m.find()) {
          if (!m.group(1).equals("id")) {
            source(type, m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2), where);
          }
        }
      }
      case GENERATE -> {
        if (!Generators.names().contains(rule.source())) {
          problems.add(where + ": unknown generator " + rule.source() + " (known: " + Generators.names() + ")");
        }
      }
      case ORDINAL -> {
        Relationship rel = toOne(type, rule.source(), where);
        if (rel != null && rel.inverse() == null) {
          problems.add(where + ": " + type + "." + rule.source() + " has no inverse to count siblings through");
        }
      }
      default -> { }
    }
  }

  /** {@code attribute} of the type itself, or {@code relationship.attribute} of its to-one parent. */
  private void source(String type, String path, String where) {
    StateSource s = StateSource.parse(path);
    if (s.path().size() > 1) {
      problems.add(where + ": initial values read the resource itself or a direct parent, not " + path);
      return;
    }
    String owner = owner(type, s, where);
    if (owner != null && !s.attribute().equals("id")) {
      attribute(owner, s.attribute(), where);
    }
  }

  /** The type at the end of a source's path of to-one relationships, or null (a problem is recorded). */
  private String owner(String type, StateSource source, String where) {
    String owner = type;
    for (String hop : source.path()) {
      Relationship rel = toOne(owner, hop, where);
      if (rel == null) {
        return null;
      }
      owner = rel.target();
    }
    return owner;
  }

  private Relationship toOne(String type, String name, String where) {
    Relationship rel = shapes.relationship(type, name);
    if (rel == null) {
      problems.add(where + ": " + type + " has no relationship " + name);
    } else if (rel.toMany()) {
      problems.add(where + ": " + type + "." + name + " is to-many; rules read to-one parents only");
    }
    return rel == null || rel.toMany() ? null : rel;
  }

  private Schema attribute(String type, String attribute, String where) {
    Schema schema = shapes.attributes(type).get(attribute);
    if (schema == null) {
      problems.add(where + ": " + type + " has no attribute " + attribute);
    }
    return schema;
  }

  private void enumValue(String type, String attribute, JsonNode value, String where) {
    Schema schema = shapes.attributes(type).get(attribute);
    if (schema != null && value != null && value.isTextual() && schema.enumValues() != null && !schema.enumValues().isEmpty()
        && !schema.enumValues().contains(value.asText())) {
      problems.add(where + ": " + value.asText() + " is not one of " + schema.enumValues());
    }
  }

  private void states(String type, StateSource source, Iterable<String> states, String where) {
    String owner = owner(type, source, where);
    if (owner == null) {
      return;
    }
    if (source.fact()) {
      Fact fact = facts.get(source.attribute().substring(1));
      if (fact == null) {
        problems.add(where + ": unknown fact " + source.attribute() + " (known: " + facts.keySet() + ")");
      } else if (!fact.type().equals(owner)) {
        problems.add(where + ": fact " + source.attribute() + " is of " + fact.type() + ", not " + owner);
      } else {
        states.forEach(state -> {
          if (!fact.values().contains(state)) {
            problems.add(where + ": " + state + " is not a value of fact " + source.attribute() + " " + fact.values());
          }
        });
      }
      return;
    }
    Schema schema = attribute(owner, source.attribute(), where);
    if (schema == null) {
      return;
    }
    for (String state : states) {
      if (schema.enumValues() == null || !schema.enumValues().contains(state)) {
        problems.add(where + ": " + state + " is not a value of " + owner + "." + source.attribute());
      }
    }
  }

  private void fact(String name, JsonNode n) {
    String where = "facts." + name;
    String type = n.path("type").asText();
    if (!shapes.knows(type)) {
      problems.add(where + ": unknown type " + type);
      return;
    }
    List<String> any = List.of(n.path("any").asText().split("\\."));
    String owner = type;
    for (int i = 0; i < any.size(); i++) {
      Relationship rel = shapes.relationship(owner, any.get(i));
      if (rel == null || (rel.toMany() && i < any.size() - 1)) {
        problems.add(where + ": " + owner + "." + any.get(i) + " is not a to-one hop or a final relationship");
        return;
      }
      owner = rel.target();
    }
    List<String> same = new ArrayList<>();
    n.path("same").forEach(a -> {
      attribute(type, a.asText(), where);
      same.add(a.asText());
    });
    String target = owner;
    List<Map<String, Set<String>>> conditions = new ArrayList<>();
    n.path("where").forEach(c -> {
      Map<String, Set<String>> condition = new LinkedHashMap<>();
      c.fields().forEachRemaining(e -> {
        Set<String> values = new LinkedHashSet<>();
        e.getValue().forEach(v -> values.add(v.asText()));
        states(target, new StateSource(List.of(), e.getKey()), values, where);
        condition.put(e.getKey(), Set.copyOf(values));
      });
      conditions.add(ordered(condition));
    });
    same.forEach(a -> attribute(target, a, where));
    if (n.path("why").asText("").isBlank()) {
      problems.add(where + ": a fact must say why");
    }
    facts.put(name, new Fact(name, type, any, List.copyOf(same), List.copyOf(conditions), n.path("then").asText(),
        n.path("otherwise").asText(), n.path("why").asText()));
  }

  private StateMachine machine(String type, String attribute, JsonNode n) {
    String where = type + ".states." + attribute;
    Map<String, Set<String>> transitions = new LinkedHashMap<>();
    n.path("transitions").fields().forEachRemaining(e -> {
      Set<String> next = new LinkedHashSet<>();
      e.getValue().forEach(v -> next.add(v.asText()));
      transitions.put(e.getKey(), Set.copyOf(next));
      states(type, new StateSource(List.of(), attribute), List.of(e.getKey()), where);
      states(type, new StateSource(List.of(), attribute), next, where);
    });
    String mirror = n.path("mirror").asText(null);
    Map<String, String> mirrorMap = new LinkedHashMap<>();
    n.path("mirrorMap").fields().forEachRemaining(e -> mirrorMap.put(e.getKey(), e.getValue().asText()));
    if (mirror != null) {
      states(type, new StateSource(List.of(), attribute), mirrorMap.keySet(), where);
      states(type, new StateSource(List.of(), mirror), mirrorMap.values(), where);
    }
    return new StateMachine(attribute, ordered(transitions), mirror, ordered(mirrorMap), n.path("why").asText(""));
  }

  private StateRule stateRule(String type, JsonNode n, Set<String> refusals, boolean withAttributes) {
    String where = type + (withAttributes ? ".editable" : ".create/delete");
    List<String> attributes = new ArrayList<>();
    n.path("attributes").forEach(a -> {
      if (shapes.relationship(type, a.asText()) == null) {
        attribute(type, a.asText(), where); // a relationship may be named too (the build of a version)
      }
      attributes.add(a.asText());
    });
    if (withAttributes && attributes.isEmpty()) {
      problems.add(where + ": an editable row names its attributes");
    }
    StateSource source = StateSource.parse(n.path("state").asText());
    Set<String> allowed = new LinkedHashSet<>();
    String setName = null;
    if (n.path("in").isTextual()) {
      setName = n.get("in").asText();
      StateSet set = stateSets.get(setName);
      if (set == null) {
        problems.add(where + ": unknown state set " + setName + " (known: " + stateSets.keySet() + ")");
      } else {
        allowed.addAll(set.values());
      }
    } else {
      n.path("in").forEach(s -> allowed.add(s.asText()));
    }
    states(type, source, allowed, where);
    String refusal = n.path("refusal").asText();
    if (!refusals.contains(refusal)) {
      problems.add(where + ": unknown refusal " + refusal);
    }
    return new StateRule(List.copyOf(attributes), source, Set.copyOf(allowed), refusal, n.path("why").asText(""), setName,
        n.path("evenUnchanged").asBoolean(false), n.path("openWhileUnset").asBoolean(false), n.path("onCreate").asBoolean(false));
  }
}
