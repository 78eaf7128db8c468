package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.family.FamilyContext;

/**
 * Version and app metadata (review-pipeline.md §3, protocol.md §6.2): the create-time rules the
 * type table cannot say — one localization per locale and App Store locales only
 * ({@link Localizations}), one App Review Information record per version with its contact
 * ({@link ReviewDetails}), one screenshot or preview set per display type and the per-set limits
 * ({@link MediaSets}). Which state takes which change is the type rules' editability table.
 */
final class Metadata {
  private final Localizations localizations;
  private final ReviewDetails reviewDetails;
  private final MediaSets mediaSets;

  Metadata(Release release) {
    this.localizations = new Localizations(release);
    this.reviewDetails = new ReviewDetails(release);
    this.mediaSets = new MediaSets(release);
  }

  /** Install after the uploads family: the screenshot and preview reservations it registered are wrapped. */
  void install(FamilyContext context) {
    HandlerRegistry handlers = context.handlers();
    handlers.register("appStoreVersionLocalizations_createInstance", localizations::createVersionLocalization)
        .register("appInfoLocalizations_createInstance", localizations::createAppInfoLocalization)
        .register("appStoreReviewDetails_createInstance", reviewDetails::create)
        .register("appStoreReviewDetails_updateInstance", reviewDetails::update)
        .register("appScreenshotSets_createInstance", ctx -> mediaSets.createSet(ctx, MediaSets.SCREENSHOTS))
        .register("appPreviewSets_createInstance", ctx -> mediaSets.createSet(ctx, MediaSets.PREVIEWS))
        .register("appScreenshots_createInstance", mediaSets.limited(handlers.get("appScreenshots_createInstance"), MediaSets.SCREENSHOTS))
        .register("appPreviews_createInstance", mediaSets.limited(handlers.get("appPreviews_createInstance"), MediaSets.PREVIEWS));
  }
}
