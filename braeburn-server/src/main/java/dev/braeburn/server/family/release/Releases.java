package dev.braeburn.server.family.release;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Releasing approved versions (review-pipeline.md §4.5–4.6): MANUAL waits in
 * PENDING_DEVELOPER_RELEASE for a release request, AFTER_APPROVAL goes out at once, SCHEDULED
 * waits in PENDING_APPLE_RELEASE until its {@code earliestReleaseDate}; phased releases on the clock.
 */
final class Releases {
  private final Release release;

  Releases(Release release) {
    this.release = release;
  }

  void install(FamilyContext context) {}

  /** App Review approved {@code version} (now IN_REVIEW): where it goes depends on its release type. */
  Resource approved(StoreTx tx, Resource version) {
    return release.versions().move(tx, version, "PENDING_DEVELOPER_RELEASE");
  }
}
