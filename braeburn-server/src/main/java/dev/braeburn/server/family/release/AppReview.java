package dev.braeburn.server.family.release;

import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;

/** App Review on the virtual clock (review-pipeline.md §4.1, §4.3) — work in progress. */
final class AppReview {
  private final Release release;
  private final Releases releases;

  AppReview(Release release, Releases releases) {
    this.release = release;
    this.releases = releases;
  }

  void install(FamilyContext context) {}

  /** {@code GET}/{@code PATCH /_braeburn/appReviews}, {@code POST /_braeburn/appReviews/{reviewSubmissionId}}. */
  ApiResponse admin(ApiRequest req, AdminJson json) {
    if (req.path().equals("/_braeburn/appReviews") && (req.method().equals("GET") || req.method().equals("PATCH"))) {
      return release.settings().handle(req, json, release.services().store());
    }
    throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
  }
}
