package dev.braeburn.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Apple's rules for resource types, kept as data ({@code type-rules.json}, beside the role policy's
 * {@code access-policy.json}) and applied by the engine on every generic create, update and delete:
 * the values Apple sets itself when it creates a resource, the attributes that never change after
 * create, the states each state attribute may move to, and which attribute may change in which
 * state. A family adds rows, not code paths; its own code moves states through {@link #move}.
 */
public final class TypeRules {
  static final String RESOURCE = "type-rules.json";
  /** The refusal of a change to an attribute fixed at create: Apple's recorded versionString error (protocol.md §4.4). */
  static final String FIXED_REFUSAL = "INVALID_STATE_ATTRIBUTE";

  private final TypeShapes shapes;
  private final Map<String, Refusal> refusals;
  private final Map<String, ValueRule> everyType;
  private final Map<String, TypeRule> types;
  private final InitialValues initial;
  private final Map<String, Fact> facts;
  private final Map<String, TypeRulesReader.StateSet> stateSets;
  /** Per type, its rows and the every-type rows that apply, and whether any reads related resources: asked on every create. */
  private final Map<String, TypeValues> valueRules = new java.util.concurrent.ConcurrentHashMap<>();
  /** The row-less rule of each type without rows, made once: {@link #of} is asked on every write. */
  private final Map<String, TypeRule> empty = new java.util.concurrent.ConcurrentHashMap<>();

  private record TypeValues(Map<String, ValueRule> rows, boolean relational) {}

  private TypeRules(TypeShapes shapes, TypeRulesReader.Parsed parsed) {
    this.shapes = shapes;
    this.refusals = parsed.refusals();
    this.everyType = parsed.everyType();
    this.types = parsed.types();
    this.initial = new InitialValues(shapes);
    this.facts = parsed.facts();
    this.stateSets = parsed.stateSets();
  }

  /** The facts (derived states) of the table, by name. */
  public Map<String, Fact> facts() {
    return facts;
  }

  /** The named state sets of the table: name → states, and why. */
  public Map<String, Map.Entry<java.util.Set<String>, String>> stateSets() {
    Map<String, Map.Entry<java.util.Set<String>, String>> out = new LinkedHashMap<>();
    stateSets.forEach((name, set) -> out.put(name, Map.entry(set.values(), set.why())));
    return out;
  }

  /** The table shipped with Braeburn, checked against the spec model. */
  public static TypeRules load(TypeShapes shapes) {
    try (InputStream in = TypeRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("type rules missing: " + RESOURCE);
      }
      return load(shapes, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TypeRules load(TypeShapes shapes, InputStream json) {
    return new TypeRules(shapes, new TypeRulesReader(shapes).read(json));
  }

  public TypeRule of(String type) {
    TypeRule rule = types.get(type);
    return rule != null ? rule : empty.computeIfAbsent(type, TypeRule::empty);
  }

  /** The named refusals, for the documentation. */
  public Map<String, Refusal> refusals() {
    return new java.util.TreeMap<>(refusals);
  }

  /** The types the table has rows for, sorted. */
  public List<String> types() {
    return List.copyOf(new TreeSet<>(types.keySet()));
  }

  /**
   * Every value row that applies to a type: the type's own, then the rows for every type (such as
   * {@code createdDate}) where the type has that attribute.
   */
  public Map<String, ValueRule> valueRules(String type) {
    return values(type).rows();
  }

  private TypeValues values(String type) {
    return valueRules.computeIfAbsent(type, t -> {
      Map<String, ValueRule> rules = new LinkedHashMap<>(of(t).initial());
      everyType.forEach((attribute, rule) -> {
        if (shapes.attributes(t).containsKey(attribute)) {
          rules.putIfAbsent(attribute, rule);
        }
      });
      return new TypeValues(java.util.Collections.unmodifiableMap(rules), rules.values().stream().anyMatch(ValueRule::relational));
    });
  }

  /**
   * Before the insert: the values that need nothing but the resource itself and server time, for
   * each attribute the client left absent or null.
   */
  public void beforeInsert(String type, String id, ObjectNode attributes, Instant now) {
    initial.own(valueRules(type), id, attributes, now);
  }

  /**
   * After the relationships are linked: the values read from related resources. Returns the
   * resource as stored afterwards.
   */
  public Resource afterLink(StoreTx tx, Resource created) {
    TypeValues values = values(created.type());
    if (!values.relational()) {
      return created;
    }
    ObjectNode attributes = created.attributes().deepCopy();
    if (!initial.related(tx, created, values.rows(), attributes)) {
      return created;
    }
    tx.updateAttributes(created, attributes);
    return new Resource(created.type(), created.id(), created.seq(), attributes);
  }

  /** Refuses a create whose parent is not in a state that takes new children (e.g. screenshots of a locked version). */
  public void checkCreate(StoreTx tx, Resource created) {
    TypeRule rule = of(created.type());
    if (rule.create() != null) {
      refuseIfClosed(tx, created, rule.create(), "create " + created.type());
    }
    List<ApiError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (StateRule edit : rule.edits()) {
      if (edit.onCreate()) {
        edit.attributes().stream().filter(a -> created.attributes().hasNonNull(a))
            .forEach(a -> judge(tx, created, List.of(edit), a, false, errors, reasons));
      }
    }
    refuseAll(created, errors, reasons);
  }

  /**
   * Refuses text longer than Apple takes ({@code limits} rows), every such attribute at once —
   * before anything is written, on create and update alike.
   */
  public void checkLimits(String type, JsonNode attributes) {
    Map<String, Limit> limits = of(type).limits();
    if (limits.isEmpty() || attributes == null) {
      return;
    }
    List<ApiError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    limits.forEach((attribute, limit) -> {
      JsonNode value = attributes.get(attribute);
      if (value != null && value.isTextual() && value.asText().codePointCount(0, value.asText().length()) > limit.maxLength()) {
        int length = value.asText().codePointCount(0, value.asText().length());
        Map<String, String> values = values(null, attribute, null, false);
        values.put("max", Integer.toString(limit.maxLength()));
        values.put("label", limit.label());
        errors.add(refusals.get(limit.refusal()).error(values));
        reasons.add("'" + attribute + "' is " + length + " characters; Apple takes at most " + limit.maxLength()
            + (limit.why().isEmpty() ? "" : " (" + limit.why() + ")"));
      }
    });
    if (!errors.isEmpty()) {
      throw new ApiException(errors, type + ": " + String.join("; ", reasons));
    }
  }

  public void checkDelete(StoreTx tx, Resource existing) {
    StateRule gate = of(existing.type()).delete();
    if (gate != null) {
      refuseIfClosed(tx, existing, gate, "delete " + existing.type() + " " + existing.id());
    }
  }

  /**
   * Refuses a PATCH that changes an attribute fixed at create, or an attribute or relationship
   * whose state rule does not allow it in the current state: one Apple error per refused member
   * (Apple groups them, review-pipeline.md §3.1), and a diagnosis naming the rule. Only attributes
   * whose value actually changes are judged (inferred: Apple's answer to a PATCH that repeats the
   * stored value is unrecorded); a relationship named in the request is always judged.
   */
  public void checkUpdate(StoreTx tx, Resource stored, JsonNode requested, Set<String> relationships) {
    TypeRule rule = of(stored.type());
    if (rule.fixed().isEmpty() && rule.edits().isEmpty()) {
      return;
    }
    List<ApiError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    requested.fields().forEachRemaining(e -> {
      String attribute = e.getKey();
      boolean unchanged = Objects.equals(stored.attributes().get(attribute), e.getValue())
          || (e.getValue().isNull() && !stored.attributes().hasNonNull(attribute));
      List<StateRule> rows = rule.edits().stream().filter(r -> r.attributes().contains(attribute))
          .filter(r -> !unchanged || r.evenUnchanged()).filter(r -> !r.openWhileUnset() || stored.attributes().hasNonNull(attribute))
          .toList();
      if (unchanged && rows.isEmpty()) {
        return;
      }
      if (!unchanged && rule.fixed().containsKey(attribute) && stored.attributes().hasNonNull(attribute)) { // a value never set may be set once
        errors.add(refusals.get(FIXED_REFUSAL).error(values(stored, attribute, null, false)));
        reasons.add("'" + attribute + "' is fixed once the " + stored.type() + " exists (" + rule.fixed().get(attribute) + ")");
        return;
      }
      judge(tx, stored, rows, attribute, false, errors, reasons);
    });
    relationships.forEach(name -> judge(tx, stored, rule.edits(), name, true, errors, reasons));
    refuseAll(stored, errors, reasons);
  }

  private static void refuseAll(Resource resource, List<ApiError> errors, List<String> reasons) {
    if (!errors.isEmpty()) {
      throw new ApiException(errors, resource.type() + " " + resource.id() + ": " + String.join("; ", reasons));
    }
  }

  /** A relationship-linkage change ({@code PATCH/POST/DELETE …/relationships/R}): judged like that relationship in a PATCH. */
  public void checkRelationship(StoreTx tx, Resource parent, String relationship) {
    checkUpdate(tx, parent, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Set.of(relationship));
  }

  /** The first of {@code rows} naming {@code member} that the current state does not allow refuses it. */
  private void judge(StoreTx tx, Resource stored, List<StateRule> rows, String member, boolean relationship, List<ApiError> errors,
      List<String> reasons) {
    for (StateRule edit : rows) {
      if (!edit.attributes().contains(member)) {
        continue;
      }
      String state = state(tx, stored, edit.state());
      if (state != null && !edit.allowed().contains(state)) {
        errors.add(refusals.get(edit.refusal()).error(values(stored, member, state, relationship)));
        reasons.add("'" + member + "' may change only while " + edit.state() + " is " + allowed(edit) + "; it is " + state
            + (edit.why().isEmpty() ? "" : " (" + edit.why() + ")") + factNote(edit.state(), state));
        return;
      }
    }
  }

  /**
   * The hook for families: moves a state attribute (and its mirror) to {@code to}, refusing a
   * transition the table does not list — a server bug, not a client error, so it throws
   * {@link IllegalStateException}. Returns the resource as stored afterwards.
   */
  public Resource move(StoreTx tx, Resource resource, String attribute, String to) {
    StateMachine machine = of(resource.type()).states().get(attribute);
    String from = resource.attributes().path(attribute).asText(null);
    if (machine != null && !machine.allows(from, to)) {
      throw new IllegalStateException(resource.type() + "." + attribute + ": " + from + " → " + to + " is not in type-rules.json");
    }
    ObjectNode attributes = resource.attributes().deepCopy().put(attribute, to);
    if (machine != null && machine.mirror() != null && machine.mirrorMap().containsKey(to)) {
      attributes.put(machine.mirror(), machine.mirrorMap().get(to));
    }
    tx.updateAttributes(resource, attributes);
    return new Resource(resource.type(), resource.id(), resource.seq(), attributes);
  }

  /** Whether the table lets {@code attribute} of the type go from {@code from} to {@code to}. */
  public boolean allows(String type, String attribute, String from, String to) {
    StateMachine machine = of(type).states().get(attribute);
    return machine == null || machine.allows(from, to);
  }

  private void refuseIfClosed(StoreTx tx, Resource resource, StateRule gate, String what) {
    String state = state(tx, resource, gate.state());
    if (state != null && !gate.allowed().contains(state)) {
      throw new ApiException(List.of(refusals.get(gate.refusal()).error(values(resource, resource.type(), state, false))),
          what + ": allowed only while " + gate.state() + " is " + allowed(gate) + "; it is " + state
              + (gate.why().isEmpty() ? "" : " (" + gate.why() + ")") + factNote(gate.state(), state));
    }
  }

  /** For a derived state, what makes it so: the diagnosis must let a user see why their app counts as released. */
  private String factNote(StateSource source, String state) {
    if (!source.fact()) {
      return "";
    }
    Fact fact = facts.get(source.attribute().substring(1));
    return "; " + source.attribute() + " is " + fact.then() + " when any of " + String.join(".", fact.any())
        + (fact.same().isEmpty() ? "" : " with the same " + String.join(", ", fact.same()))
        + (fact.where().isEmpty() ? " exists" : " has " + fact.where()) + ", else " + fact.otherwise() + " — " + fact.why();
  }

  private static String allowed(StateRule rule) {
    String states = String.join(", ", new TreeSet<>(rule.allowed()));
    return rule.setName() == null ? states : rule.setName() + " (" + states + ")";
  }

  /** The state a rule reads: an attribute or fact of the resource, or of the resource at the end of the source's path. */
  public String state(StoreTx tx, Resource resource, StateSource source) {
    Optional<Resource> holder = Optional.of(resource);
    for (String hop : source.path()) {
      holder = holder.flatMap(r -> InitialValues.parent(tx, shapes, r, hop));
    }
    if (source.fact()) {
      Fact fact = facts.get(source.attribute().substring(1));
      return holder.map(r -> factValue(tx, r, fact)).orElse(null);
    }
    return holder.map(r -> r.attributes().path(source.attribute()).asText(null)).orElse(null);
  }

  /** {@code then} when a resource reached through the fact's path matches it, else {@code otherwise}. */
  String factValue(StoreTx tx, Resource resource, Fact fact) {
    Optional<Resource> holder = Optional.of(resource);
    List<String> hops = fact.any();
    for (String hop : hops.subList(0, hops.size() - 1)) {
      holder = holder.flatMap(r -> InitialValues.parent(tx, shapes, r, hop));
    }
    if (holder.isEmpty()) {
      return fact.otherwise();
    }
    Resource from = holder.get();
    var rel = shapes.relationship(from.type(), hops.getLast());
    var linked = tx.linked(from.type(), from.id(), rel.storage());
    for (Resource candidate : linked.isEmpty() ? List.<Resource>of() : tx.findAll(linked)) {
      if (candidate.type().equals(resource.type()) && candidate.id().equals(resource.id())) {
        continue;
      }
      boolean same = fact.same().stream().allMatch(a -> Objects.equals(candidate.attributes().get(a), resource.attributes().get(a)));
      boolean matches = fact.where().isEmpty() || fact.where().stream().anyMatch(condition -> condition.entrySet().stream()
          .allMatch(c -> c.getValue().contains(candidate.attributes().path(c.getKey()).asText(""))));
      if (same && matches) {
        return fact.then();
      }
    }
    return fact.otherwise();
  }

  private static Map<String, String> values(Resource resource, String attribute, String state, boolean relationship) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("members", relationship ? "relationships" : "attributes");
    values.put("attribute", attribute);
    values.put("type", resource == null ? null : resource.type());
    values.put("id", resource == null ? null : resource.id());
    values.put("state", state);
    values.put("stateWords", words(state));
    return values;
  }

  /** READY_FOR_REVIEW → Ready For Review, as Apple's screenshot refusal words a state (review-pipeline.md §3.1). */
  private static String words(String state) {
    if (state == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String word : state.toLowerCase(java.util.Locale.ROOT).split("_")) {
      out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }
}
