package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;

/**
 * App Store versions (review-pipeline.md §5): create ({@link VersionCreation}), update, delete
 * ({@link VersionDeletion}) and the build relationship ({@link VersionBuilds}). Which attribute may
 * change in which state is the type rules' table, judged before any of this; here are the rules
 * that read the app's other versions, its builds or the clock.
 */
final class Versions {
  private final VersionChecks checks;
  private final VersionBuilds builds;
  private final VersionCreation creation;
  private final VersionDeletion deletion;

  Versions(Release release) {
    this.checks = new VersionChecks(release);
    this.builds = new VersionBuilds(release);
    this.creation = new VersionCreation(release, checks, builds, new NewResources(release));
    this.deletion = new VersionDeletion(release);
  }

  void install(FamilyContext context) {
    context.handlers().register("appStoreVersions_createInstance", creation::create)
        .register("appStoreVersions_updateInstance", this::update)
        .register("appStoreVersions_deleteInstance", deletion::delete)
        .register("appStoreVersions_build_updateToOneRelationship", builds::replace);
  }

  /**
   * {@code PATCH /v1/appStoreVersions/{id}}: the generic update (the table's state gates first),
   * with a renamed versionString, the release date and a new build checked before anything is
   * written; every refusal in one answer.
   */
  ApiResponse update(OperationContext ctx) {
    JsonNode buildLinkage = ctx.body().relationships().get(VersionBuilds.RELATIONSHIP);
    JsonNode versionString = ctx.body().attributes().get(VersionChecks.VERSION_STRING);
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      Refusals out = new Refusals();
      if (versionString != null && !versionString.asText("").equals(VersionChecks.versionString(stored))) {
        checks.checkRename(tx, stored, versionString.isNull() ? null : versionString.asText(), out);
      }
      checks.checkReleaseDate(stored.attributes(), merged, out);
      if (buildLinkage != null && buildLinkage.isObject()) {
        tx.find(buildLinkage.path("type").asText(), buildLinkage.path("id").asText())
            .ifPresent(build -> builds.check(tx, new Resource(stored.type(), stored.id(), stored.seq(), merged), build, out));
      }
      out.throwIfAny(); // an unknown build id is refused when the generic update links it
    });
  }
}
