package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Apple's identifiers (App IDs, merchant IDs, pass type IDs) are unique across all teams
 * (provisioning.md §5.1 recorded for App IDs; §7 [INFER] for the other two): the lookups both checks
 * need. Another team's resource stays invisible: only the refusal shows.
 */
final class UniqueIdentifiers {
  private UniqueIdentifiers() {}

  /**
   * Throws what {@code taken} makes when another team of the server holds the identifier. Checked
   * before the team's own write transaction, since one transaction spans one team; a race between
   * two teams creating the same identifier at once is not caught.
   */
  static void checkOtherTeams(Graph graph, String teamId, String type, String identifier, Supplier<RuntimeException> taken) {
    for (Team team : graph.services().store().teams()) {
      if (!team.issuerId().equals(teamId)
          && graph.services().store().read(team.issuerId(), tx -> holder(tx, type, identifier, null)) != null) {
        throw taken.get();
      }
    }
  }

  /** The team's resource of {@code type} with this identifier (case-insensitive [INFER]) other than {@code exceptId}, or null. */
  static Resource holder(StoreTx tx, String type, String identifier, String exceptId) {
    String wanted = identifier.toLowerCase(Locale.ROOT);
    return SigningReads.all(tx, type).stream()
        .filter(b -> !b.id().equals(exceptId) && b.attributes().path("identifier").asText().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst().orElse(null);
  }
}
