package dev.braeburn.server.family.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.rules.Fact;
import dev.braeburn.server.rules.Limit;
import dev.braeburn.server.rules.Refusal;
import dev.braeburn.server.rules.StateMachine;
import dev.braeburn.server.rules.StateRule;
import dev.braeburn.server.rules.TypeRule;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.spec.Spec;
import dev.braeburn.server.docs.GeneratedBlocks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated parts of docs/app-review.md — the state diagrams, the editability table and
 * the app info mapping — equal to what the engine applies: each {@code <!-- generated:NAME -->}
 * block is rendered again from type-rules.json and {@link AppInfos#FOLLOWS}; the prose around
 * them is written by hand.
 */
class AppReviewDocumentTest {
  private static final List<String> MACHINES = List.of("appStoreVersions.appVersionState", "reviewSubmissions.state",
      "reviewSubmissionItems.state", "appInfos.state", "appStoreVersionPhasedReleases.phasedReleaseState", "customerReviewResponses.state");

  private final TypeRules rules = TypeRules.load(new ResourceModel(Spec.load()));

  @Test
  void theGeneratedBlocksFollowTheTable() throws Exception {
    String updated = GeneratedBlocks.rewrite("app-review.md", Map.of("states", this::states, "editability", this::editability,
        "facts", this::facts, "appInfos", this::appInfos));
    assertThat(updated).contains("PREPARE_FOR_SUBMISSION --> READY_FOR_REVIEW").contains("contentRightsDeclaration");
  }

  private String states() {
    StringBuilder out = new StringBuilder();
    for (String name : MACHINES) {
      String[] parts = name.split("\\.");
      StateMachine machine = rules.of(parts[0]).states().get(parts[1]);
      if (machine == null) {
        continue;
      }
      out.append("\n#### `").append(name).append("`\n\n").append(machine.why()).append("\n\n```mermaid\nstateDiagram-v2\n");
      machine.transitions().forEach((from, tos) -> new TreeSet<>(tos).forEach(to -> out.append("  ").append(from).append(" --> ").append(to).append('\n')));
      out.append("```\n");
      if (machine.mirror() != null) {
        out.append("\n`").append(machine.mirror()).append("` follows: ");
        List<String> pairs = machine.mirrorMap().entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
            .map(e -> e.getKey() + " → " + e.getValue()).toList();
        out.append(pairs.isEmpty() ? "the same names" : "the same names, except " + String.join(", ", pairs)).append(".\n");
      }
    }
    return out.toString();
  }

  private String editability() {
    StringBuilder out = new StringBuilder("\n| type | change | allowed while | in | Apple's answer otherwise | why |\n|---|---|---|---|---|---|\n");
    for (String type : releaseTypes()) {
      TypeRule rule = rules.of(type);
      rule.edits().forEach(row -> row(out, type, String.join(", ", row.attributes()) + flags(row), row));
      if (rule.create() != null) {
        row(out, type, "create", rule.create());
      }
      if (rule.delete() != null) {
        row(out, type, "delete", rule.delete());
      }
      for (Limit limit : rule.limits().values()) {
        Refusal r = rules.refusals().get(limit.refusal());
        out.append("| ").append(type).append(" | `").append(limit.attribute()).append("` longer than ").append(limit.maxLength())
            .append(" characters | — | — | ").append(answer(r)).append(" | ").append(escape(limit.why())).append(" |\n");
      }
    }
    return out.toString();
  }

  private void row(StringBuilder out, String type, String what, StateRule row) {
    String states = row.setName() != null ? "*" + row.setName() + "*: " + String.join(", ", new TreeSet<>(row.allowed()))
        : String.join(", ", new TreeSet<>(row.allowed()));
    out.append("| ").append(type).append(" | ").append(what).append(" | `").append(row.state()).append("` | ").append(states).append(" | ")
        .append(answer(rules.refusals().get(row.refusal()))).append(" | ").append(escape(row.why())).append(" |\n");
  }

  private static String answer(Refusal r) {
    return r.status() + " `" + r.code() + "`" + (r.detail() == null ? "" : " — " + escape(r.detail()))
        + (r.pointer() == null ? "" : " (pointer `" + r.pointer() + "`)");
  }

  private static String flags(StateRule row) {
    StringBuilder out = new StringBuilder();
    if (row.evenUnchanged()) {
      out.append(" *(even unchanged)*");
    }
    if (row.openWhileUnset()) {
      out.append(" *(open while unset)*");
    }
    if (row.onCreate()) {
      out.append(" *(on create too)*");
    }
    return out.toString();
  }

  private String facts() {
    StringBuilder out = new StringBuilder("\n| fact | of | is | when any of | matches | else | why |\n|---|---|---|---|---|---|---|\n");
    for (Fact f : rules.facts().values()) {
      out.append("| `@").append(f.name()).append("` | ").append(f.type()).append(" | ").append(f.then()).append(" | `")
          .append(String.join(".", f.any())).append('`').append(f.same().isEmpty() ? "" : " with the same " + String.join(", ", f.same()))
          .append(" | ").append(f.where().isEmpty() ? "(exists)" : escape(f.where().toString())).append(" | ").append(f.otherwise())
          .append(" | ").append(escape(f.why())).append(" |\n");
    }
    return out.toString();
  }

  private String appInfos() {
    StringBuilder out = new StringBuilder("\n| version `appVersionState` | editable app info `state` |\n|---|---|\n");
    new TreeMap<>(AppInfos.FOLLOWS).forEach((version, info) -> out.append("| ").append(version).append(" | ").append(info).append(" |\n"));
    return out.toString();
  }

  /** The release family's types, and the uploads' types whose rules read a version's state (screenshots, previews …). */
  private List<String> releaseTypes() {
    return rules.types().stream().filter(t -> String.valueOf(rules.of(t).owner()).startsWith("release") || readsTheVersion(rules.of(t)))
        .toList();
  }

  private static boolean readsTheVersion(TypeRule rule) {
    return java.util.stream.Stream.concat(rule.edits().stream(), java.util.stream.Stream.of(rule.create(), rule.delete()))
        .filter(java.util.Objects::nonNull).anyMatch(r -> r.state().path().contains("appStoreVersion"));
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
