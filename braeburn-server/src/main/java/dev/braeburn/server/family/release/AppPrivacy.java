package dev.braeburn.server.family.release;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Whether an app's App Privacy answers (data usages) are published. Apple asks for them before
 * review ({@code STATE_ERROR.APP_DATA_USAGES_REQUIRED}, review-pipeline.md §2.2) but offers no
 * public API for them ({@code /v1/appDataUsages} is 404), so a test sets them through the admin
 * API ({@code PATCH /_braeburn/appReviews/apps/{appId}} {@code {"dataUsagesPublished": true}}).
 * The answer is kept in an attribute of the app that no response schema has. Until set, an app
 * that has been on the App Store has published answers (it could not have been released
 * otherwise) and one that has not has none [INFER].
 */
final class AppPrivacy {
  static final String ATTRIBUTE = "braeburnDataUsagesPublished";

  private final Release release;

  AppPrivacy(Release release) {
    this.release = release;
  }

  boolean published(StoreTx tx, Resource app) {
    var stored = app.attributes().get(ATTRIBUTE);
    if (stored != null && stored.isBoolean()) {
      return stored.asBoolean();
    }
    return release.graph().related(tx, app, "appStoreVersions").stream().anyMatch(VersionStates::released);
  }

  Resource set(StoreTx tx, Resource app, boolean published) {
    return release.graph().update(tx, app, release.graph().object().put(ATTRIBUTE, published));
  }
}
