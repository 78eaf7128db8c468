package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.util.List;

/**
 * {@code POST/PATCH/DELETE /v1/bundleIds} (provisioning.md §5.1): the attributes' form
 * ({@link BundleIdRules}), an identifier unique across every team of the server as it is across
 * Apple, the team ID as {@code seedId}, the default capabilities, and no deletion while an app uses it.
 */
final class BundleIds {
  static final String TYPE = "bundleIds";

  private final Graph graph;
  private final Capabilities capabilities;
  private final ProfileStates profiles;

  BundleIds(Graph graph, Capabilities capabilities, ProfileStates profiles) {
    this.graph = graph;
    this.capabilities = capabilities;
    this.profiles = profiles;
  }

  ApiResponse create(OperationContext ctx) {
    ObjectNode attributes = ctx.body().attributes();
    String identifier = attributes.path("identifier").asText();
    BundleIdRules.checkName(attributes.path("name").asText());
    BundleIdRules.checkPlatform(attributes.path("platform").asText());
    BundleIdRules.checkIdentifier(identifier);
    checkOtherTeams(ctx.teamId(), identifier);
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource own = holder(tx, identifier, created.id());
      if (own != null) {
        throw taken(identifier, "your team already has it as bundle ID " + own.id() + " ('" + own.attributes().path("name").asText()
            + "'). Use that one (GET /v1/bundleIds?filter[identifier]=" + identifier + ") or choose another identifier.");
      }
      // §5.1: seedId is the App ID prefix, the team ID for every App ID created now; what the client sends is not used [INFER]
      Resource stored = graph.update(tx, created, graph.object().put("seedId", teamId(tx)));
      capabilities.addDefaults(tx, stored);
    });
  }

  /** §1.1: PATCH takes only {@code name} (the spec's body says so); the name rule of §5.1 applies. */
  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> BundleIdRules.checkName(merged.path("name").asText()));
  }

  /** §5.1: refused while an app uses the bundle ID; otherwise its capabilities go with it. */
  ApiResponse delete(OperationContext ctx) {
    return graph.services().store().write(ctx.teamId(), tx -> {
      Resource bundleId = dev.braeburn.server.engine.GenericReads.existing(tx, TYPE, ctx.id());
      String identifier = bundleId.attributes().path("identifier").asText();
      graph.relatedOne(tx, bundleId, "app").ifPresent(app -> {
        throw new ApiException(List.of(SigningErrors.bundleIdHasApp(identifier)),
            "Bundle ID " + bundleId.id() + " ('" + identifier + "') is the bundle ID of app " + app.id() + " ('"
                + app.attributes().path("name").asText() + "'); Apple deletes an App ID only when no app uses it "
                + "(provisioning.md §5.1; the message is recorded in part, the rest of the body is inferred).");
      });
      // §4.5: the App ID's profiles lose what they provision [INFER: Apple's portal lists them as Invalid]
      profiles.appIdChanged(tx, bundleId);
      graph.related(tx, bundleId, "bundleIdCapabilities").forEach(c -> tx.delete(c.type(), c.id()));
      tx.delete(TYPE, bundleId.id());
      return ApiResponse.noContent(204);
    });
  }

  private void checkOtherTeams(String teamId, String identifier) {
    UniqueIdentifiers.checkOtherTeams(graph, teamId, TYPE, identifier, () -> taken(identifier, "another team on this server has "
        + "registered it; like Apple's, bundle identifiers are unique across all teams. Choose another identifier."));
  }

  private static ApiException taken(String identifier, String why) {
    return new ApiException(List.of(SigningErrors.identifierTaken(identifier)),
        "The bundle identifier '" + identifier + "' is not available: " + why + " (provisioning.md §5.1, recorded body; "
            + "the comparison ignores case [inferred]).");
  }

  private static Resource holder(StoreTx tx, String identifier, String exceptId) {
    return UniqueIdentifiers.holder(tx, TYPE, identifier, exceptId);
  }

  /** The team's developer-program team ID (teams.team_id), the App ID prefix of its bundle IDs (provisioning.md §5.1). */
  private String teamId(StoreTx tx) {
    return graph.services().store().team(tx.teamId()).map(Team::teamId)
        .orElseThrow(() -> new IllegalStateException("no team " + tx.teamId()));
  }
}
