package dev.braeburn.server.family.release;

import dev.braeburn.server.family.FamilyContext;

/** Review submissions and their items (review-pipeline.md §4.1) — work in progress. */
final class Submissions {
  private final Release release;
  private final AppReview review;

  Submissions(Release release, AppReview review) {
    this.release = release;
    this.review = review;
  }

  void install(FamilyContext context) {}
}
