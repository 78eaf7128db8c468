package dev.braeburn.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writes docs/type-rules.md from the table, so the docs never drift from what the engine applies. */
class TypeRulesDocumentTest {
  private static final Path DOC = Path.of("..", "docs", "type-rules.md");

  @Test
  void theDocumentListsEveryTypeOfTheTable() throws Exception {
    TypeRules rules = TypeRules.load(new ResourceModel(Spec.load()));
    String doc = TypeRulesDocument.render(rules);
    for (String type : rules.types()) {
      assertThat(doc).contains("\n### " + type + "\n");
    }
    assertThat(doc).contains("| READY_FOR_DISTRIBUTION | REPLACED_WITH_NEW_VERSION | READY_FOR_SALE |");
    Files.writeString(DOC, doc);
  }
}
