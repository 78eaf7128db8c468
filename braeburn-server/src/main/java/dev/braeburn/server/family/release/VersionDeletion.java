package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DELETE /v1/appStoreVersions/{id}} (review-pipeline.md §5.1): Apple's two recorded refusals
 * — the app's last version, a version with an uploaded build — then the type rules' state gate
 * (only a version never submitted, PREPARE_FOR_SUBMISSION, inferred). The version's own metadata
 * goes with it: its localizations, review contact and phased release [INFER].
 */
final class VersionDeletion {
  private static final List<String> OWNED = List.of("appStoreVersionLocalizations", "appStoreReviewDetail", "appStoreVersionPhasedRelease");

  private final Release release;

  VersionDeletion(Release release) {
    this.release = release;
  }

  ApiResponse delete(OperationContext ctx) {
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource version = GenericReads.existing(tx, VersionStates.TYPE, ctx.id());
      Optional<Resource> app = release.graph().relatedOne(tx, version, "app");
      if (app.isPresent() && release.graph().related(tx, app.get(), "appStoreVersions").stream().allMatch(v -> v.id().equals(version.id()))) {
        throw Refusals.of(ReleaseErrors.lastVersionNotDeletable(), "Version " + VersionChecks.describe(version) + " is the only version of app "
            + app.get().id() + "; Apple keeps an app's last version (review-pipeline.md §5.1).");
      }
      uploadedBuild(tx, app, version).ifPresent(build -> {
        throw Refusals.of(ReleaseErrors.versionWithBuildsNotDeletable(), "Build '" + build.attributes().path("version").asText(build.id())
            + "' (" + build.id() + ") was uploaded for version " + VersionChecks.describe(version)
            + "; Apple refuses to delete a version once a build was uploaded for it (review-pipeline.md §5.1). Rename it instead"
            + " (PATCH versionString) or leave it.");
      });
      release.services().rules().checkDelete(tx, version);
      for (String owned : OWNED) {
        release.graph().related(tx, version, owned).forEach(r -> tx.delete(r.type(), r.id()));
      }
      tx.delete(version.type(), version.id());
      return ApiResponse.noContent(204);
    });
  }

  /**
   * The version's build, or a build of the app uploaded for the same platform and version string
   * (its pre-release version's) [INFER: "any build has been uploaded" read as: for this version].
   */
  private Optional<Resource> uploadedBuild(StoreTx tx, Optional<Resource> app, Resource version) {
    Optional<Resource> attached = release.graph().relatedOne(tx, version, VersionBuilds.RELATIONSHIP);
    if (attached.isPresent() || app.isEmpty()) {
      return attached;
    }
    String versionString = VersionChecks.versionString(version);
    String platform = VersionChecks.platform(version);
    return release.graph().related(tx, app.get(), "preReleaseVersions").stream()
        .filter(p -> Objects.equals(VersionChecks.platform(p), platform) && VersionStrings.same(p.attributes().path("version").asText(null), versionString))
        .flatMap(p -> release.graph().related(tx, p, "builds").stream()).findFirst();
  }
}
