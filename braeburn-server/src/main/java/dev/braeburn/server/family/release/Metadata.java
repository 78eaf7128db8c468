package dev.braeburn.server.family.release;

import dev.braeburn.server.family.FamilyContext;

/** Part of the release family (work in progress). */
final class Metadata {
  private final Release release;

  Metadata(Release release) {
    this.release = release;
  }

  void install(FamilyContext context) {}
}
