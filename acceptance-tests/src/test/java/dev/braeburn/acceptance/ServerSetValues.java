package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.server.rules.ValueRule;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The all-types walk of server-set values: every resource the API creates is looked at as its 201
 * answers it, and each attribute the client did not send must have a value — unless
 * {@code type-rules.json} says Apple leaves it null (and why), or names the issue that will set it.
 * A row that says null while the server sets a value is a failure too: the table must stay true.
 */
final class ServerSetValues {
  private final TypeRules rules;
  private final List<String> failures = new ArrayList<>();
  /** type → attribute → what the walk saw: "set", or the row's reason for a null. */
  private final Map<String, Map<String, String>> seen = new TreeMap<>();

  ServerSetValues(Spec spec) {
    this.rules = TypeRules.load(new ResourceModel(spec));
  }

  void observe(String type, JsonNode sentAttributes, JsonNode created) {
    Map<String, ValueRule> rows = rules.valueRules(type);
    Map<String, String> attributes = seen.computeIfAbsent(type, t -> new TreeMap<>());
    created.path("attributes").fields().forEachRemaining(e -> {
      String name = e.getKey();
      if (sentAttributes.has(name)) {
        return;
      }
      ValueRule row = rows.get(name);
      boolean explainedNull = row != null && (row.kind() == ValueRule.Kind.NULL || row.kind() == ValueRule.Kind.PENDING);
      if (e.getValue().isNull()) {
        if (explainedNull) {
          attributes.put(name, (row.kind() == ValueRule.Kind.PENDING ? "pending: " : "null: ") + row.why());
        } else {
          failures.add(type + "." + name + ": null after create"
              + (row == null ? ", and type-rules.json has no row for it" : ", though type-rules.json says " + row.kind()));
        }
      } else if (row != null && row.kind() == ValueRule.Kind.NULL) {
        failures.add(type + "." + name + ": type-rules.json says Apple leaves it null (" + row.why() + "), but it is " + e.getValue());
      } else {
        attributes.put(name, row == null ? "set" : "set (" + row.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
    });
  }

  List<String> failures() {
    return failures;
  }

  /** The per-type section of docs/coverage.md. */
  String markdown() {
    StringBuilder out = new StringBuilder();
    long unexplained = failures.size();
    long nulls = seen.values().stream().flatMap(m -> m.values().stream()).filter(v -> v.startsWith("null")).count();
    long pending = seen.values().stream().flatMap(m -> m.values().stream()).filter(v -> v.startsWith("pending")).count();
    long set = seen.values().stream().flatMap(m -> m.values().stream()).filter(v -> v.startsWith("set")).count();
    out.append("\n## Server-set values on create\n\n");
    out.append("Every type the API creates, created once through its POST with every client attribute sent; the attributes the client did not send, as the 201 answered them. ")
        .append("Rules: `braeburn-server/src/main/resources/dev/braeburn/server/rules/type-rules.json` ([docs/type-rules.md](type-rules.md)). ")
        .append("\"owner\" is the family whose code owns the type's behaviour (an issue number: not built yet).\n\n");
    out.append("Types created: ").append(seen.size()).append("; server-set attributes with a value: ").append(set)
        .append("; left null as Apple leaves them: ").append(nulls).append("; pending a later issue: ").append(pending)
        .append("; unexplained nulls: ").append(unexplained).append(".\n\n");
    out.append("| type | owner | set on create | null on create (why) |\n|---|---|---|---|\n");
    seen.forEach((type, attributes) -> {
      List<String> withValue = new ArrayList<>();
      List<String> withoutValue = new ArrayList<>();
      attributes.forEach((name, what) -> {
        if (what.startsWith("set")) {
          withValue.add("`" + name + "`");
        } else {
          withoutValue.add("`" + name + "` — " + what.replace("|", "\\|"));
        }
      });
      String owner = rules.of(type).owner();
      out.append("| ").append(type).append(" | ").append(owner == null ? "generic" : owner).append(" | ")
          .append(String.join(", ", withValue)).append(" | ").append(String.join("<br>", withoutValue)).append(" |\n");
    });
    return out.toString();
  }
}
