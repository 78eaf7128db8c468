package dev.braeburn.server.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Renders the table as {@code docs/type-rules.md}: what a reader of the docs sees is what the engine applies. */
public final class TypeRulesDocument {
  private TypeRulesDocument() {}

  public static String render(TypeRules rules) {
    StringBuilder out = new StringBuilder();
    out.append("# Type rules\n\n")
        .append("Generated from `braeburn-server/src/main/resources/dev/braeburn/server/rules/type-rules.json` by `TypeRulesDocumentTest`; ")
        .append("do not edit by hand. The engine applies these rows on every generic create, update, delete and relationship change ")
        .append("(`dev.braeburn.server.rules.TypeRules`); the file is checked against the spec model at start. ")
        .append("What each created type actually answers is in [coverage.md](coverage.md#server-set-values-on-create).\n\n")
        .append("- **initial**: the value Apple gives an attribute the client did not send — `value` (fixed), `now` (virtual clock, ")
        .append("optionally plus a period), `from` (another attribute, own or of a to-one parent, optionally mapped), `template`, ")
        .append("`generate` (an id in Apple's format), `ordinal` (1 + the parent's existing resources of the type), `family` (set by ")
        .append("the owning family's code), `null` (Apple leaves it null, and why), `pending` (Apple sets it; a later issue will).\n")
        .append("- **fixed**: may be set once, never changed (refused with `").append(TypeRules.FIXED_REFUSAL).append("`).\n")
        .append("- **states**: which state may follow which; families move states through `TypeRules.move`, which refuses an unlisted ")
        .append("transition and keeps a mirror attribute in step.\n")
        .append("- **editable**: an attribute or relationship that may change only in the listed states; a PATCH that changes it in ")
        .append("another state gets the named refusal, one error per member, and `X-Braeburn-Diagnosis` names the rule.\n")
        .append("Flags: *even unchanged* (a PATCH repeating the stored value is judged too), *open while unset* (a stored null may ")
        .append("always be set), *on create* (a create sending the attribute is judged too).\n")
        .append("- **create / delete**: the operation itself is allowed only in the listed states (of the resource or one reached ")
        .append("through to-one relationships).\n")
        .append("- **facts**: states derived from related resources rather than stored (`@name` in a rule's state).\n")
        .append("- **limits**: the longest text an attribute takes, in characters.\n")
        .append("- Rows marked *(inferred)* are Braeburn's choice where Apple's behaviour is not recorded.\n\n");
    out.append("## Refusals\n\n| name | status | code | title | detail |\n|---|---|---|---|---|\n");
    rules.refusals().forEach((name, r) -> out.append("| ").append(name).append(" | ").append(r.status()).append(" | `").append(r.code())
        .append("` | ").append(r.title()).append(" | ").append(r.detail() == null ? "—" : r.detail()).append(" |\n"));
    if (!rules.stateSets().isEmpty()) {
      out.append("\n## State sets\n\n| name | states | why |\n|---|---|---|\n");
      rules.stateSets().forEach((name, set) -> out.append("| ").append(name).append(" | ").append(String.join(", ", new TreeSet<>(set.getKey())))
          .append(" | ").append(escape(set.getValue())).append(" |\n"));
    }
    if (!rules.facts().isEmpty()) {
      out.append("\n## Facts\n\n| fact | of | is `then` when any of | matches | else | why |\n|---|---|---|---|---|---|\n");
      rules.facts().values().forEach(f -> out.append("| `@").append(f.name()).append("` | ").append(f.type()).append(" | `")
          .append(String.join(".", f.any())).append("`").append(f.same().isEmpty() ? "" : " with the same " + String.join(", ", f.same()))
          .append(" | ").append(escape(f.where().isEmpty() ? "(any)" : f.where().toString())).append(" → ").append(f.then()).append(" | ")
          .append(f.otherwise()).append(" | ").append(escape(f.why())).append(" |\n"));
    }
    out.append("\n## Types\n");
    for (String type : rules.types()) {
      TypeRule rule = rules.of(type);
      out.append("\n### ").append(type).append("\n\nOwner: ").append(rule.owner() == null ? "generic" : rule.owner()).append(".\n\n");
      Map<String, ValueRule> values = rules.valueRules(type);
      if (!values.isEmpty()) {
        out.append("| attribute | initial | why |\n|---|---|---|\n");
        values.forEach((attribute, v) -> out.append("| `").append(attribute).append("` | ").append(describe(v)).append(" | ")
            .append(escape(v.why())).append(v.inferred() && !v.why().contains("inferred") ? " *(inferred)*" : "").append(" |\n"));
      }
      rule.fixed().forEach((attribute, why) -> out.append("\nFixed: `").append(attribute).append("` — ").append(escape(why)).append('\n'));
      rule.states().forEach((attribute, machine) -> {
        out.append("\nStates of `").append(attribute).append('`');
        if (machine.mirror() != null) {
          out.append(" (mirrored into `").append(machine.mirror()).append("`)");
        }
        out.append(" — ").append(escape(machine.why())).append(":\n\n| from | to |").append(machine.mirror() == null ? "" : " mirror |")
            .append("\n|---|---|").append(machine.mirror() == null ? "" : "---|").append('\n');
        machine.transitions().keySet().stream().sorted().forEach(from -> out.append("| ").append(from).append(" | ")
            .append(String.join(", ", new TreeSet<>(machine.transitions().get(from)))).append(" |")
            .append(machine.mirror() == null ? "" : " " + machine.mirrorMap().getOrDefault(from, "—") + " |").append('\n'));
      });
      List<StateRule> gates = new ArrayList<>(rule.edits());
      if (!gates.isEmpty() || rule.create() != null || rule.delete() != null) {
        out.append("\n| change | allowed while | in | refusal | why |\n|---|---|---|---|---|\n");
        gates.forEach(g -> row(out, String.join(", ", g.attributes()), g));
        if (rule.create() != null) {
          row(out, "create", rule.create());
        }
        if (rule.delete() != null) {
          row(out, "delete", rule.delete());
        }
      }
      if (!rule.limits().isEmpty()) {
        out.append("\n| attribute | at most (characters) | refusal | why |\n|---|---|---|---|\n");
        rule.limits().values().forEach(l -> out.append("| `").append(l.attribute()).append("` | ").append(l.maxLength()).append(" | ")
            .append(l.refusal()).append(" | ").append(escape(l.why())).append(" |\n"));
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String what, StateRule g) {
    List<String> flags = new ArrayList<>();
    if (g.evenUnchanged()) {
      flags.add("even unchanged");
    }
    if (g.openWhileUnset()) {
      flags.add("open while unset");
    }
    if (g.onCreate()) {
      flags.add("on create");
    }
    out.append("| ").append(what).append(flags.isEmpty() ? "" : " *(" + String.join(", ", flags) + ")*").append(" | `").append(g.state())
        .append("` | ").append(g.setName() == null ? String.join(", ", new TreeSet<>(g.allowed())) : g.setName()).append(" | ")
        .append(g.refusal()).append(" | ").append(escape(g.why())).append(" |\n");
  }

  private static String describe(ValueRule v) {
    return switch (v.kind()) {
      case VALUE -> "`" + v.value() + "`";
      case NOW -> "now" + (v.source().equals("date") ? " (date)" : "") + (v.plus() == null ? "" : " + " + v.plus());
      case FROM -> "from `" + v.source() + "`" + (v.map().isEmpty() ? "" : " mapped: " + mapping(v));
      case TEMPLATE -> "`" + v.source() + "`";
      case GENERATE -> "generated " + v.source();
      case ORDINAL -> "ordinal within `" + v.source() + "`" + (v.asString() ? " (string)" : "");
      case FAMILY -> "set by the family";
      case NULL -> "null";
      case PENDING -> "pending";
    };
  }

  private static String mapping(ValueRule v) {
    List<String> pairs = new ArrayList<>();
    v.map().forEach((k, m) -> pairs.add(k + " → " + m));
    return escape(String.join(", ", pairs));
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
