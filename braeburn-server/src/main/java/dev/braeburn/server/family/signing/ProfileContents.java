package dev.braeburn.server.family.signing;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.family.signing.profile.MobileProvision;
import dev.braeburn.server.family.signing.profile.ProfileFacts;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Gathers what a stored profile says from the graph — its bundle ID and that App ID's
 * capabilities, certificates, devices, the team — and makes its {@code profileContent}: base64 of
 * the signed {@code .mobileprovision} (provisioning.md §4.2, §4.4). Used when a profile is created
 * and when a seeded profile is loaded.
 */
final class ProfileContents {
  private final Graph graph;
  private final Entitlements entitlements;

  ProfileContents(Graph graph, Entitlements entitlements) {
    this.graph = graph;
    this.entitlements = entitlements;
  }

  String content(StoreTx tx, Resource profile, CertificateAuthority ca) {
    return Base64.getEncoder().encodeToString(MobileProvision.make(facts(tx, profile), ca));
  }

  /** §4.2: createdDate + the type's lifetime (365 days exactly, recorded). */
  static Instant expiration(ProfileTypes type, Instant created) {
    return created.plus(type.distribution.timeToLiveDays, ChronoUnit.DAYS);
  }

  /** Both dates are set on create and checked readable before a loaded profile is signed ({@link SeededProfiles}). */
  private static Instant date(Resource profile, String attribute) {
    return Graph.dateTime(profile, attribute).orElseThrow(() -> new IllegalStateException("profile " + profile.id() + " has no " + attribute))
        .truncatedTo(ChronoUnit.SECONDS);
  }

  ProfileFacts facts(StoreTx tx, Resource profile) {
    ProfileTypes type = ProfileTypes.of(profile.attributes().path("profileType").asText())
        .orElseThrow(() -> new IllegalStateException("profile " + profile.id() + " has no known profileType"));
    Team team = graph.services().store().team(tx.teamId()).orElseThrow();
    Resource bundleId = graph.relatedOne(tx, profile, "bundleId")
        .orElseThrow(() -> new IllegalStateException("profile " + profile.id() + " has no bundle ID"));
    List<byte[]> certificates = graph.related(tx, profile, "certificates").stream()
        .map(c -> c.attributes().path("certificateContent").asText(""))
        .filter(content -> !content.isEmpty())
        .map(content -> Base64.getMimeDecoder().decode(content)).toList();
    List<String> devices = switch (type.devices) {
      case ALL -> null;
      case FORBIDDEN -> List.of();
      case REQUIRED -> graph.related(tx, profile, "devices").stream().map(d -> d.attributes().path("udid").asText()).toList();
    };
    // §4.2: the plist keeps seconds, the API milliseconds
    Instant created = date(profile, "createdDate");
    Instant expires = date(profile, "expirationDate");
    return new ProfileFacts(profile.attributes().path("name").asText(), profile.attributes().path("uuid").asText(),
        bundleId.attributes().path("name").asText(), bundleId.attributes().path("seedId").asText(team.teamId()), team.teamId(),
        team.name(), type.kind.plistPlatforms, created, expires, certificates, devices,
        entitlements.of(type, bundleId, graph.related(tx, bundleId, Capabilities.TYPE), team.teamId()),
        type.distribution.name());
  }
}
