package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loaded bundle IDs and profiles (a seed, {@code POST /_braeburn/resources}) become what the API
 * would have made: a bundle ID without a {@code seedId} gets the team ID (provisioning.md §5.1), a
 * profile without {@code profileContent} is signed from what it holds, as it stands — dates, UUID,
 * certificates (after their own realization), devices — and every ACTIVE profile is watched for
 * expiry. Loaded values are kept: a seed may give a legacy App ID prefix or a capped expiry.
 */
final class SeededProfiles {
  private final Graph graph;
  private final ProfileContents contents;
  private final ProfileStates states;

  SeededProfiles(Graph graph, ProfileContents contents, ProfileStates states) {
    this.graph = graph;
    this.contents = contents;
    this.states = states;
  }

  void afterLoad(StoreTx tx, List<Resource> loaded, Supplier<CertificateAuthority> ca) {
    String teamId = graph.services().store().team(tx.teamId()).map(Team::teamId).orElseThrow();
    for (Resource resource : loaded) {
      if (resource.type().equals(BundleIds.TYPE) && resource.attributes().path("seedId").asText("").isEmpty()) {
        tx.find(BundleIds.TYPE, resource.id()).ifPresent(b -> graph.update(tx, b, graph.object().put("seedId", teamId)));
      }
    }
    for (Resource resource : loaded) {
      if (!resource.type().equals(ProfileStates.TYPE)) {
        continue;
      }
      Resource profile = tx.find(ProfileStates.TYPE, resource.id()).orElseThrow();
      if (profile.attributes().path("profileContent").asText("").isEmpty() && signable(tx, profile)) {
        profile = graph.update(tx, profile, graph.object().put("profileContent", contents.content(tx, profile, ca.get())));
      }
      states.watch(tx, profile);
    }
  }

  /** A loaded profile is signed when it has what a profile needs: a known type, a bundle ID and both dates, readable. */
  private boolean signable(StoreTx tx, Resource profile) {
    return ProfileTypes.of(profile.attributes().path("profileType").asText()).isPresent()
        && graph.relatedOne(tx, profile, "bundleId").isPresent()
        && Graph.dateTime(profile, "createdDate").isPresent()
        && Graph.dateTime(profile, "expirationDate").isPresent();
  }
}
