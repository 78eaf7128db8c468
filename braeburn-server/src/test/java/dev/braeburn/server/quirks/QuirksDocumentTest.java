package dev.braeburn.server.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.docs.GeneratedBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the quirks table of docs/faults.md ("Quirks") equal to braeburn/quirks/quirks.json: each
 * quirk's name, what Apple does, what it affects, its settings with their defaults and its source.
 */
class QuirksDocumentTest {

  @Test
  void theGeneratedTableFollowsTheData() {
    String updated = GeneratedBlocks.rewrite("faults.md", Map.of("quirks", QuirksDocumentTest::table));
    assertThat(updated).contains("| `endlessNextOnEmptyPages` |");
  }

  private static String table() {
    StringBuilder out = new StringBuilder("\n| quirk | what Apple does | affects | settings (default) | source |\n|---|---|---|---|---|\n");
    for (QuirkCatalogue.Quirk quirk : QuirkCatalogue.get().all()) {
      StringBuilder settings = new StringBuilder();
      quirk.params().values().stream().sorted(java.util.Comparator.comparing(QuirkCatalogue.Param::name)).forEach(p -> settings
          .append(settings.isEmpty() ? "" : "; ").append('`').append(p.name()).append("`: ").append(QuirkSettings.describe(p))
          .append(p.defaultValue() == null ? (p.required() ? ", required" : "") : " (" + p.defaultValue() + ")"));
      out.append("| `").append(quirk.name()).append("` | ").append(quirk.apple()).append(" | ").append(quirk.affects())
          .append(" | ").append(settings.isEmpty() ? "—" : settings).append(" | ").append(quirk.source()).append(" |\n");
    }
    return out.toString();
  }
}
