package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.rules.Fact;
import dev.braeburn.server.rules.Refusal;
import dev.braeburn.server.rules.StateRule;
import dev.braeburn.server.rules.StateSource;
import dev.braeburn.server.rules.TypeRule;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The editability table walked through the public API: for every row of type-rules.json that
 * makes a change depend on a state — attribute or relationship edits, creates and deletes — and
 * for every value that state can take (each enum value of the state attribute, or each value of a
 * fact), a resource is set up in that state and the change is made over HTTP. Where the row allows
 * the state the table's refusal must not answer; everywhere else exactly its Apple error answers,
 * one per member, with the rule named in X-Braeburn-Diagnosis. The cases come from the table, so a
 * new row is tested without writing a test.
 */
class EditabilityMatrixAcceptanceTest {
  private static final String RULE_SAYS = " may change only while ";
  private static final Spec SPEC = Spec.load();
  private static final ResourceModel MODEL = new ResourceModel(SPEC);
  private static final TypeRules RULES = TypeRules.load(MODEL);
  private static final ValidBodies BODIES = new ValidBodies(SPEC, new EveryTypeFixture(SPEC, "matrix"));

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> everyEditableRowInEveryState() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String type : RULES.types()) {
      TypeRule rule = RULES.of(type);
      for (StateRule row : rule.edits()) {
        for (String state : domain(type, row.state())) {
          tests.add(DynamicTest.dynamicTest(type + " " + row.attributes() + " while " + row.state() + " = " + state,
              () -> edit(type, rule, row, state)));
        }
      }
      if (rule.create() != null) {
        domain(type, rule.create().state()).forEach(state -> tests.add(DynamicTest.dynamicTest(
            "create " + type + " while " + rule.create().state() + " = " + state, () -> create(type, rule.create(), state))));
      }
      if (rule.delete() != null) {
        domain(type, rule.delete().state()).forEach(state -> tests.add(DynamicTest.dynamicTest(
            "delete " + type + " while " + rule.delete().state() + " = " + state, () -> delete(type, rule.delete(), state))));
      }
    }
    assertThat(tests).as("the table has editable rows to walk").hasSizeGreaterThan(100);
    return tests.stream();
  }

  private void edit(String type, TypeRule rule, StateRule row, String state) {
    Fixture fixture = new Fixture(type);
    fixture.put(row.state(), state);
    rule.edits().stream().filter(other -> other != row && other.attributes().stream().anyMatch(row.attributes()::contains)
            && !other.state().equals(row.state()))
        .forEach(other -> fixture.put(other.state(), other.allowed().iterator().next()));
    ObjectNode data = TestServer.JSON.createObjectNode().put("type", type).put("id", fixture.root.id);
    for (String member : row.attributes()) {
      Relationship rel = MODEL.relationship(type, member);
      if (rel != null) {
        Node target = fixture.extra(rel.target());
        data.with("relationships").putObject(member).putObject("data").put("type", rel.target()).put("id", target.id);
      } else {
        JsonNode value = value(type, member);
        data.with("attributes").set(member, value);
        if (row.openWhileUnset()) {
          assertThat(row.evenUnchanged()).as("the matrix stores the sent value for rows open while unset").isTrue();
          fixture.root.attributes.set(member, value); // unchanged, and set: judged
        }
      }
    }
    fixture.load();
    TestServer.Reply reply = server.send("PATCH", "/" + version(type) + "/" + type + "/" + fixture.root.id,
        TestServer.JSON.createObjectNode().set("data", data).toString());
    judge(reply, row, state, row.attributes(), type, fixture.root.id, rel -> MODEL.relationship(type, rel) != null);
  }

  private void create(String type, StateRule gate, String state) {
    Fixture fixture = new Fixture(type);
    fixture.put(gate.state(), state);
    fixture.load(false);
    Operation op = SPEC.operation(type + "_createInstance");
    ObjectNode body = BODIES.body(op, null);
    if (body.get("data").get("attributes") instanceof ObjectNode attributes) { // a type without attributes (release requests) sends none
      RULES.of(type).edits().stream().filter(StateRule::onCreate).forEach(r -> attributes.remove(r.attributes()));
    }
    String hop = gate.state().path().getFirst();
    ((ObjectNode) body.get("data")).putObject("relationships").putObject(hop).putObject("data").put("type", MODEL.relationship(type, hop).target())
        .put("id", fixture.root.children.get(hop).id);
    TestServer.Reply reply = server.send("POST", "/" + op.version() + "/" + type, body.toString());
    judge(reply, gate, state, List.of(type), type, null, member -> false);
  }

  private void delete(String type, StateRule gate, String state) {
    Fixture fixture = new Fixture(type);
    fixture.put(gate.state(), state);
    fixture.load();
    TestServer.Reply reply = server.send("DELETE", "/" + version(type) + "/" + type + "/" + fixture.root.id, null);
    judge(reply, gate, state, List.of(type), type, fixture.root.id, member -> false);
  }

  private static void judge(TestServer.Reply reply, StateRule row, String state, List<String> members, String type, String id,
      java.util.function.Predicate<String> relationship) {
    String diagnosis = String.valueOf(reply.header("x-braeburn-diagnosis"));
    boolean gate = members.equals(List.of(type));
    if (row.allowed().contains(state)) {
      assertThat(diagnosis).as(reply.body()).doesNotContain(gate ? "allowed only while" : RULE_SAYS);
      return;
    }
    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(diagnosis).contains(gate ? "allowed only while " + row.state() : RULE_SAYS + row.state()).contains(state);
    Refusal refusal = RULES.refusals().get(row.refusal());
    List<JsonNode> errors = new ArrayList<>();
    reply.json().path("errors").forEach(errors::add);
    assertThat(errors).as(reply.body()).hasSize(members.size());
    for (int i = 0; i < members.size(); i++) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("members", relationship.test(members.get(i)) ? "relationships" : "attributes");
      values.put("attribute", members.get(i));
      values.put("type", type);
      values.put("id", id);
      values.put("state", state);
      JsonNode error = errors.get(i);
      assertThat(error.path("status").asText()).isEqualTo(Integer.toString(refusal.status()));
      assertThat(error.path("code").asText()).isEqualTo(refusal.code());
      assertThat(error.path("title").asText()).isEqualTo(refusal.title());
      if (refusal.pointer() != null) {
        assertThat(error.at("/source/pointer").asText()).isEqualTo(fill(refusal.pointer(), values));
      }
      if (refusal.detail() != null && !refusal.detail().contains("{stateWords}")) {
        assertThat(error.path("detail").asText()).isEqualTo(fill(refusal.detail(), values));
      }
    }
  }

  /** Every value the rule's state can take: the state attribute's enum, or the fact's two values. */
  private static List<String> domain(String type, StateSource source) {
    String owner = type;
    for (String hop : source.path()) {
      owner = MODEL.relationship(owner, hop).target();
    }
    if (source.attribute().startsWith("@")) {
      return RULES.facts().get(source.attribute().substring(1)).values();
    }
    return MODEL.attributes(owner).get(source.attribute()).enumValues();
  }

  /** A valid value of the attribute, as the conformance walk sends it (ValidBodies: first enum value, format-shaped strings). */
  private static JsonNode value(String type, String attribute) {
    Operation update = SPEC.operation(type + "_updateInstance");
    JsonNode value = BODIES.body(update, "x").at("/data/attributes/" + attribute);
    return attribute.equals("versionString") ? TestServer.JSON.getNodeFactory().textNode("9.9.9") : value;
  }

  private static String version(String type) {
    for (String id : List.of(type + "_updateInstance", type + "_deleteInstance", type + "V2_updateInstance", type + "V2_deleteInstance")) {
      Operation op = SPEC.operation(id); // inAppPurchases are written at /v2 only
      if (op != null) {
        return op.version();
      }
    }
    throw new IllegalStateException("no update or delete of " + type);
  }

  private static String fill(String template, Map<String, String> values) {
    String out = template;
    for (var e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
    }
    return out;
  }

  /** A resource of the type under test and whatever its rules' states read, loaded through the admin API. */
  private static final class Fixture {
    final Node root;
    final List<Node> all = new ArrayList<>();

    Fixture(String type) {
      root = node(type);
    }

    Node node(String type) {
      Node n = new Node(type, type.equals("apps") ? Long.toString(7_000_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xFFFFFFFL))
          : UUID.randomUUID().toString());
      all.add(n);
      return n;
    }

    Node extra(String type) {
      return node(type);
    }

    Node at(List<String> path) {
      Node n = root;
      for (String hop : path) {
        Node from = n;
        n = from.children.computeIfAbsent(hop, h -> node(MODEL.relationship(from.type, h).target()));
      }
      return n;
    }

    /** Puts the resource at the source's path in {@code state}: the attribute, or the related resources that make a fact so. */
    void put(StateSource source, String state) {
      Node holder = at(source.path());
      if (!source.attribute().startsWith("@")) {
        holder.attributes.put(source.attribute(), state);
        return;
      }
      Fact fact = RULES.facts().get(source.attribute().substring(1));
      Node from = holder;
      for (String hop : fact.any().subList(0, fact.any().size() - 1)) {
        Node parent = from;
        from = parent.children.computeIfAbsent(hop, h -> node(MODEL.relationship(parent.type, h).target()));
      }
      for (String same : fact.same()) {
        if (!holder.attributes.has(same)) {
          holder.attributes.put(same, MODEL.attributes(holder.type).get(same).enumValues().getFirst());
        }
      }
      if (state.equals(fact.then())) {
        Relationship last = MODEL.relationship(from.type, fact.any().getLast());
        Node match = node(last.target());
        fact.same().forEach(same -> match.attributes.set(same, holder.attributes.get(same)));
        if (!fact.where().isEmpty()) {
          fact.where().getFirst().forEach((attribute, values) -> match.attributes.put(attribute, values.iterator().next()));
        }
        from.many.computeIfAbsent(fact.any().getLast(), h -> new ArrayList<>()).add(match);
      }
    }

    void load() {
      load(true);
    }

    void load(boolean withRoot) {
      ArrayNode data = TestServer.JSON.createArrayNode();
      for (Node n : all) {
        if (n == root && !withRoot) {
          continue;
        }
        ObjectNode item = data.addObject().put("type", n.type).put("id", n.id);
        item.set("attributes", n.attributes);
        ObjectNode relationships = item.putObject("relationships");
        n.children.forEach((rel, child) -> relationships.putObject(rel).putObject("data").put("type", child.type).put("id", child.id));
        n.many.forEach((rel, children) -> {
          ArrayNode links = relationships.putObject(rel).putArray("data");
          children.forEach(c -> links.addObject().put("type", c.type).put("id", c.id));
        });
      }
      TestServer.Reply r = server.admin("POST", "/_braeburn/resources", TestServer.JSON.createObjectNode().set("data", data).toString(), null);
      assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
  }

  private static final class Node {
    final String type;
    final String id;
    final ObjectNode attributes = TestServer.JSON.createObjectNode();
    final Map<String, Node> children = new LinkedHashMap<>();
    final Map<String, List<Node>> many = new LinkedHashMap<>();

    Node(String type, String id) {
      this.type = type;
      this.id = id;
    }
  }
}
