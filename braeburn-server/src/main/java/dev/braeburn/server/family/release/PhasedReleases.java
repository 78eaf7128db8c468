package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * {@code /v1/appStoreVersionPhasedReleases} (review-pipeline.md §4.6): create one INACTIVE phased
 * release per version (the type rules' create row lists the version states D-PHASED allows; not for
 * a platform's first version), PATCH it to pause, resume or complete it once it runs, DELETE it
 * before it starts (the table's delete row). Reading is generic: {@code GET
 * /v1/appStoreVersions/{id}/appStoreVersionPhasedRelease} answers {@code {"data": null}} when none.
 */
final class PhasedReleases {
  private static final String VERSION = "appStoreVersion";

  private final Release release;
  private final PhasedReleaseClock clock;

  PhasedReleases(Release release, PhasedReleaseClock clock) {
    this.release = release;
    this.clock = clock;
  }

  void install(FamilyContext context) {
    context.handlers().register("appStoreVersionPhasedReleases_createInstance", this::create)
        .register("appStoreVersionPhasedReleases_updateInstance", this::update)
        .register("appStoreVersionPhasedReleases_deleteInstance", this::delete);
  }

  /**
   * The version is linked here, after the duplicate check: the generic create would link it first,
   * and a version holds one phased release, so linking a second would silently unlink the first.
   */
  ApiResponse create(OperationContext ctx) {
    JsonNode linkage = ctx.body().relationships().get(VERSION);
    return GenericWrites.create(NewResources.without(ctx, VERSION), (tx, created) -> {
      Resource version = VersionBuilds.target(tx, linkage, "/data/relationships/appStoreVersion/data");
      release.graph().relatedOne(tx, version, "appStoreVersionPhasedRelease").ifPresent(existing -> {
        throw Refusals.of(ReleaseErrors.phasedReleaseExists(), "Version " + VersionChecks.describe(version) + " already has phased release "
            + existing.id() + " (" + PhasedReleaseClock.state(existing) + "); a version has one (review-pipeline.md §4.6). PATCH it, or DELETE it"
            + " while INACTIVE.");
      });
      release.graph().link(tx, created, VERSION, version);
      release.services().rules().checkCreate(tx, created);
      checkNotFirstVersion(tx, version);
      String requested = PhasedReleaseClock.state(created);
      if (!requested.equals("INACTIVE")) {
        throw Refusals.of(ReleaseErrors.phasedReleaseMustStartInactive(requested), "A phased release is created INACTIVE; Apple starts it"
            + " (ACTIVE) when its version is released, and creating one " + requested + " on a version not yet released is refused"
            + " (review-pipeline.md §4.6; wording inferred). Version " + VersionChecks.describe(version) + ".");
      }
    });
  }

  /** D-PHAPI: "not available for the first version of an app" — read per platform: the platform has no released version yet. */
  private void checkNotFirstVersion(StoreTx tx, Resource version) {
    Resource app = release.graph().relatedOne(tx, version, "app").orElse(null);
    if (app == null) {
      return;
    }
    boolean anyReleased = release.graph().related(tx, app, "appStoreVersions").stream()
        .anyMatch(v -> !v.id().equals(version.id()) && java.util.Objects.equals(VersionChecks.platform(v), VersionChecks.platform(version))
            && VersionStates.released(v));
    if (!anyReleased) {
      throw Refusals.of(ReleaseErrors.phasedReleaseForFirstVersion(), "Version " + VersionChecks.describe(version) + " is the first "
          + VersionChecks.platform(version) + " version of app " + app.id() + "; phased release is only for updates (review-pipeline.md §4.6).");
    }
  }

  /** {@code PATCH}: ACTIVE ⇄ PAUSED and ACTIVE/PAUSED → COMPLETE; the same value is Apple's recorded refusal. */
  ApiResponse update(OperationContext ctx) {
    JsonNode requested = ctx.body().attributes().get(PhasedReleaseClock.STATE);
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource phased = GenericReads.existing(tx, PhasedReleaseClock.TYPE, ctx.id());
      release.services().rules().checkUpdate(tx, phased, ctx.body().attributes(), ctx.body().relationships().keySet());
      if (requested != null && !requested.isNull()) {
        change(tx, phased, PhasedReleaseClock.state(phased), requested.asText());
      }
      return Documents.single(ctx, tx, tx.find(phased.type(), phased.id()).orElseThrow(), 200);
    });
  }

  private void change(StoreTx tx, Resource phased, String from, String to) {
    if (from.equals(to)) {
      throw Refusals.of(ReleaseErrors.phasedReleaseAlreadyHasValue(), "Phased release " + phased.id() + " is already " + from
          + " (review-pipeline.md §4.6).");
    }
    switch (from + "→" + to) {
      case "ACTIVE→PAUSED" -> clock.pause(tx, phased);
      case "PAUSED→ACTIVE" -> clock.resume(tx, phased);
      case "ACTIVE→COMPLETE", "PAUSED→COMPLETE" -> clock.complete(tx, phased);
      default -> throw Refusals.of(ReleaseErrors.phasedReleaseStateNotAllowed(from, to), "Phased release " + phased.id() + " is " + from
          + "; a developer pauses (PAUSED), resumes (ACTIVE) or completes (COMPLETE) a running one. Apple starts it when the version is"
          + " released, and COMPLETE is final (review-pipeline.md §4.6; refusal inferred).");
    }
  }

  /** {@code DELETE}: only while INACTIVE (the table's delete row); turning phasing off before release. */
  ApiResponse delete(OperationContext ctx) {
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource phased = GenericReads.existing(tx, PhasedReleaseClock.TYPE, ctx.id());
      release.services().rules().checkDelete(tx, phased);
      tx.delete(phased.type(), phased.id());
      return ApiResponse.noContent(204);
    });
  }
}
