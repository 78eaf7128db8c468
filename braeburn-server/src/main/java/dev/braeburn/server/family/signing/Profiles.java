package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/profiles} (provisioning.md §4): checks the request against the profile type's
 * row ({@link ProfileTypes}: devices, certificate types, device classes, App ID platforms) and the
 * team's other profiles (names are unique), then signs a real {@code .mobileprovision} with
 * Braeburn's authority ({@link ProfileContents}) and watches its validity ({@link ProfileStates}).
 * Initial platform, state and uuid come from the type rules; expirationDate and profileContent
 * from here. DELETE is generic.
 */
final class Profiles {
  private final Graph graph;
  private final CertificateAuthorities authorities;
  private final ProfileContents contents;
  private final ProfileStates states;

  Profiles(Graph graph, CertificateAuthorities authorities, ProfileContents contents, ProfileStates states) {
    this.graph = graph;
    this.authorities = authorities;
    this.contents = contents;
    this.states = states;
  }

  ApiResponse create(OperationContext ctx) {
    ProfileTypes type = ProfileTypes.of(ctx.body().attributes().path("profileType").asText())
        .orElseThrow(() -> new IllegalStateException("the body validator lets only the spec's profile types through"));
    String name = ctx.body().attributes().path("name").asText();
    String bundleIdId = ctx.body().relationships().getOrDefault("bundleId", graph.object()).path("id").asText();
    JsonNode devices = ctx.body().relationships().get("devices");
    checkDeviceCount(type, devices == null ? 0 : devices.size());
    graph.services().store().read(ctx.teamId(), tx -> checkAppId(tx, type, bundleIdId));
    CertificateAuthority ca = authorities.get(); // outside the team's transaction: made on first use in one of its own
    return GenericWrites.create(ctx, (tx, created) -> {
      checkName(tx, name, created.id());
      checkCertificates(tx, type, created);
      checkDevices(tx, type, created);
      Instant createdAt = Graph.dateTime(created, "createdDate").orElseThrow(); // the type rules set it on create
      // the document states the expiry, so it is signed from the profile as it will be stored, then stored once
      ObjectNode dates = created.attributes().deepCopy().put("expirationDate", ProfileContents.expiration(type, createdAt).toString());
      Resource dated = new Resource(created.type(), created.id(), created.seq(), dates);
      states.watch(tx, graph.update(tx, created, graph.object().put("expirationDate", dates.path("expirationDate").asText())
          .put("profileContent", contents.content(tx, dated, ca))));
    });
  }

  private static void checkDeviceCount(ProfileTypes type, int count) {
    if (type.devices == ProfileTypes.DeviceList.REQUIRED && count == 0) {
      throw new ApiException(List.of(ProfileErrors.devicesRequired()), "A " + type + " profile names the devices it runs on: send "
          + "relationships.devices with at least one enabled device (provisioning.md §4.1, §4.3 recorded body).");
    }
    if (type.devices != ProfileTypes.DeviceList.REQUIRED && count > 0) {
      throw new ApiException(List.of(ProfileErrors.devicesNotAllowed()), "A " + type + " profile names no devices ("
          + (type.devices == ProfileTypes.DeviceList.ALL ? "it provisions all devices" : "App Store profiles run on any device")
          + "): send relationships.devices with an empty list or leave it out (provisioning.md §4.1, §4.3: recorded for App Store "
          + "profiles; the same body for In-House and Developer ID is inferred).");
    }
  }

  private Void checkAppId(StoreTx tx, ProfileTypes type, String bundleIdId) {
    Resource bundleId = tx.find(BundleIds.TYPE, bundleIdId).orElseThrow(() -> new ApiException(List.of(ProfileErrors.noAppId(bundleIdId)),
        "relationships.bundleId must hold the resource id of one of the team's bundle IDs (GET /v1/bundleIds?filter[identifier]=…), "
            + "not the identifier itself; there is no bundle ID with id '" + bundleIdId + "' (provisioning.md §4.3, recorded body)."));
    String platform = bundleId.attributes().path("platform").asText();
    if (!type.kind.bundleIdPlatforms.contains(platform)) {
      throw new ApiException(List.of(ProfileErrors.platformNotAllowed(type.kind.displayName(), bundleIdId)),
          "Bundle ID " + bundleIdId + " ('" + bundleId.attributes().path("identifier").asText() + "') is a " + platform
              + " App ID; a " + type + " profile needs one of " + type.kind.bundleIdPlatforms.stream().sorted().toList()
              + " (provisioning.md §4.3: the body is recorded in part, the platform table is inferred).");
    }
    return null;
  }

  private void checkName(StoreTx tx, String name, String createdId) {
    SigningReads.all(tx, ProfileStates.TYPE).stream()
        .filter(p -> !p.id().equals(createdId) && p.attributes().path("name").asText().equals(name))
        .findFirst().ifPresent(p -> {
          throw new ApiException(List.of(ProfileErrors.duplicateName(name)), "The team already has profile " + p.id() + " named '"
              + name + "' (" + p.attributes().path("profileState").asText() + "); profile names are unique in a team. Delete it "
              + "(DELETE /v1/profiles/" + p.id() + ") or choose another name — sigh appends a timestamp (provisioning.md §4.1, §4.3).");
        });
  }

  /** §4.1: every certificate current (not expired; revoked ones are gone) and of a type the profile accepts. */
  private void checkCertificates(StoreTx tx, ProfileTypes type, Resource profile) {
    List<Resource> certificates = graph.related(tx, profile, "certificates");
    Instant now = graph.now();
    List<String> unfit = certificates.stream()
        .filter(c -> !type.certificateTypes.contains(c.attributes().path("certificateType").asText()) || !Certificates.unexpired(c, now))
        .map(c -> c.id() + " (" + c.attributes().path("certificateType").asText() + ", expires "
            + c.attributes().path("expirationDate").asText() + ")").toList();
    if (certificates.isEmpty() || !unfit.isEmpty()) {
      throw new ApiException(List.of(ProfileErrors.noCurrentCertificates()), "A " + type + " profile takes current certificates of "
          + type.certificateTypes.stream().sorted().toList() + "; " + (certificates.isEmpty() ? "none was given"
              : "these are not: " + String.join(", ", unfit)) + " (provisioning.md §4.1 table; the /v1 refusal is unrecorded, §9.2: "
          + "this is the developer portal's wording [inferred]).");
    }
  }

  /** §4.1: every device enabled and of a class the profile's platform runs; Apple-silicon Macs in iOS profiles (chip UDIDs). */
  private void checkDevices(StoreTx tx, ProfileTypes type, Resource profile) {
    List<String> unfit = graph.related(tx, profile, "devices").stream().filter(d -> !fits(type, d))
        .map(d -> d.id() + " (" + d.attributes().path("deviceClass").asText() + ", " + d.attributes().path("status").asText() + ")")
        .toList();
    if (!unfit.isEmpty()) {
      throw new ApiException(List.<ApiError>of(ProfileErrors.noCurrentDevices()), "A " + type + " profile takes ENABLED devices of "
          + type.kind.deviceClasses.stream().sorted().toList() + "; these are not: " + String.join(", ", unfit)
          + " (provisioning.md §4.1; the /v1 refusal is unrecorded, §9.2: this is the developer portal's wording [inferred]).");
    }
  }

  private static boolean fits(ProfileTypes type, Resource device) {
    String deviceClass = device.attributes().path("deviceClass").asText();
    boolean enabled = "ENABLED".equals(device.attributes().path("status").asText());
    boolean appleSiliconInIos = type.kind != ProfileTypes.Kind.IOS || !deviceClass.equals("MAC")
        || device.attributes().path("udid").asText().length() == 25;
    return enabled && type.kind.deviceClasses.contains(deviceClass) && appleSiliconInIos;
  }
}
