package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The build of a version (review-pipeline.md §5.2): attachable only when processed (VALID), of the
 * version's app and platform, not expired, not the build of another version still in use, and not
 * restricted to internal TestFlight testing. Apple answers every one of these with the same body;
 * which rule refused goes in the diagnosis. Whether the version's state takes a build at all is the
 * type rules' {@code build} row, judged first.
 */
final class VersionBuilds {
  static final String RELATIONSHIP = "build";

  private final Release release;

  VersionBuilds(Release release) {
    this.release = release;
  }

  /** Why {@code build} cannot be attached to {@code version}, or empty when it can. */
  Optional<String> whyNot(StoreTx tx, Resource version, Resource build) {
    String which = "The build '" + build.attributes().path("version").asText(build.id()) + "' (" + build.id() + ")";
    String processing = build.attributes().path("processingState").asText(null);
    if (!"VALID".equals(processing)) {
      return Optional.of(which + " is " + processing + ", not VALID: only processed builds can be added (wait for processing to finish).");
    }
    if (build.attributes().path("expired").asBoolean(false)) {
      return Optional.of(which + " has expired.");
    }
    if ("INTERNAL_ONLY".equals(build.attributes().path("buildAudienceType").asText(null))) {
      return Optional.of(which + " is for internal TestFlight testing only (buildAudienceType INTERNAL_ONLY, e.g. an Xcode Cloud build"
          + " distributed 'TestFlight (Internal Testing Only)'); such a build can never be added to an App Store version.");
    }
    Optional<Resource> buildApp = release.graph().relatedOne(tx, build, "app");
    Optional<Resource> versionApp = release.graph().relatedOne(tx, version, "app");
    if (buildApp.isPresent() && versionApp.isPresent() && !buildApp.get().id().equals(versionApp.get().id())) {
      return Optional.of(which + " belongs to app " + buildApp.get().id() + ", the version to app " + versionApp.get().id() + ".");
    }
    String buildPlatform = release.graph().relatedOne(tx, build, "preReleaseVersion").map(VersionChecks::platform).orElse(null);
    String versionPlatform = VersionChecks.platform(version);
    if (buildPlatform != null && versionPlatform != null && !buildPlatform.equals(versionPlatform)) {
      return Optional.of(which + " is a " + buildPlatform + " build (its preReleaseVersion's platform); the version is " + versionPlatform + ".");
    }
    Optional<Resource> owner = release.graph().relatedOne(tx, build, "appStoreVersion")
        .filter(v -> !v.id().equals(version.id()) && !Objects.equals(VersionStates.state(v), "REPLACED_WITH_NEW_VERSION"));
    return owner.map(v -> which + " is already the build of version " + VersionChecks.describe(v) + "; detach it there first.");
  }

  /** The build a request's linkage names, or Apple's 409 for an id that names none. */
  static Resource target(StoreTx tx, JsonNode linkage, String pointer) {
    String type = linkage.path("type").asText();
    String id = linkage.path("id").asText();
    return tx.find(type, id).orElseThrow(() -> new ApiException(Errors.relationshipTargetMissing(type, id, pointer)));
  }

  /** Adds Apple's refusal to {@code out} when {@code build} cannot be attached to {@code version}. */
  void check(StoreTx tx, Resource version, Resource build, Refusals out) {
    whyNot(tx, version, build).ifPresent(reason -> out.add(ReleaseErrors.buildNotAddable(),
        "appStoreVersions " + version.id() + ": " + reason + " (review-pipeline.md §5.2)"));
  }

  /** {@code PATCH /v1/appStoreVersions/{id}/relationships/build} → 204 ({@code data: null} detaches it). */
  ApiResponse replace(OperationContext ctx) {
    JsonNode data = ctx.body().linkages();
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource version = GenericReads.existing(tx, VersionStates.TYPE, ctx.id());
      release.services().rules().checkRelationship(tx, version, RELATIONSHIP);
      Relationship rel = release.graph().relationship(VersionStates.TYPE, RELATIONSHIP);
      if (data == null || data.isNull()) {
        release.services().relations().clear(tx, version, rel);
        return ApiResponse.noContent(204);
      }
      Resource build = target(tx, data, "/data");
      Refusals out = new Refusals();
      check(tx, version, build, out);
      out.throwIfAny();
      release.services().relations().replace(tx, version, rel, List.of(build));
      return ApiResponse.noContent(204);
    });
  }
}
