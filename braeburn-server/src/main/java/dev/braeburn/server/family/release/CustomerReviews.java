package dev.braeburn.server.family.release;

import dev.braeburn.server.family.FamilyContext;

/** Part of the release family (work in progress). */
final class CustomerReviews {
  private final Release release;

  CustomerReviews(Release release) {
    this.release = release;
  }

  void install(FamilyContext context) {}
}
