package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/appStoreVersions} (review-pipeline.md §5.1): the generic create (the type rules
 * set PREPARE_FOR_SUBMISSION, the release type and the rest), then Apple's checks against the
 * app's other versions, the build if one is named, and what Apple does with a new version: it
 * copies the platform's newest version's localizations (never {@code whatsNew}), review contact
 * and copyright, or gives a platform's first version one localization in the app's primary
 * locale; and the app gets an editable app info if it had only its live one. No webhook: the
 * version's state did not change, it began (§4.7).
 */
final class VersionCreation {
  /** What a new version copies from its predecessor's localizations (§5.1; whatsNew is per version and required anew, §3.1). */
  private static final List<String> LOCALIZED = List.of("locale", "description", "keywords", "marketingUrl", "supportUrl", "promotionalText");
  private static final List<String> REVIEW_DETAIL = List.of("contactFirstName", "contactLastName", "contactPhone", "contactEmail",
      "demoAccountName", "demoAccountPassword", "demoAccountRequired", "notes");

  private final Release release;
  private final VersionChecks checks;
  private final VersionBuilds builds;
  private final NewResources resources;
  private final EditableAppInfo appInfo;

  VersionCreation(Release release, VersionChecks checks, VersionBuilds builds, NewResources resources) {
    this.release = release;
    this.checks = checks;
    this.builds = builds;
    this.resources = resources;
    this.appInfo = new EditableAppInfo(release, resources);
  }

  ApiResponse create(OperationContext ctx) {
    JsonNode build = ctx.body().relationships().get(VersionBuilds.RELATIONSHIP);
    return GenericWrites.create(NewResources.without(ctx, VersionBuilds.RELATIONSHIP), (tx, created) -> afterCreate(tx, created, build));
  }

  private void afterCreate(StoreTx tx, Resource created, JsonNode buildLinkage) {
    Resource app = release.graph().relatedOne(tx, created, "app").orElseThrow(); // required; a missing app was refused when linking
    Refusals out = new Refusals();
    checks.checkNew(tx, app, created, out);
    checks.checkReleaseDate(null, created.attributes(), out);
    Resource build = null;
    if (buildLinkage != null && buildLinkage.isObject()) {
      build = VersionBuilds.target(tx, buildLinkage, "/data/relationships/build/data");
      builds.check(tx, created, build, out);
    }
    out.throwIfAny();
    if (build != null) {
      release.graph().link(tx, created, VersionBuilds.RELATIONSHIP, build);
    }
    Optional<Resource> previous = VersionChecks.newest(checks.siblings(tx, app, created));
    copyMetadata(tx, app, created, previous);
    appInfo.ensure(tx, app);
  }

  private void copyMetadata(StoreTx tx, Resource app, Resource version, Optional<Resource> previous) {
    if (release.graph().related(tx, version, "appStoreVersionLocalizations").isEmpty()) { // unless the request named its own
      if (previous.isPresent()) {
        for (Resource localization : release.graph().related(tx, previous.get(), "appStoreVersionLocalizations")) {
          addLocalization(tx, version, resources.copy(localization, LOCALIZED));
        }
      } else if (app.attributes().hasNonNull("primaryLocale")) {
        addLocalization(tx, version, release.graph().object().put("locale", app.attributes().get("primaryLocale").asText()));
      }
    }
    if (previous.isEmpty()) {
      return;
    }
    // [INFER] review-pipeline.md §5.1, §9.10: reports conflict on whether the review contact is copied; Braeburn copies it.
    release.graph().relatedOne(tx, previous.get(), "appStoreReviewDetail").ifPresent(detail -> {
      Resource copy = resources.insert(tx, "appStoreReviewDetails", resources.copy(detail, REVIEW_DETAIL));
      release.graph().link(tx, copy, "appStoreVersion", version);
    });
    JsonNode copyright = previous.get().attributes().get("copyright");
    if (!version.attributes().hasNonNull("copyright") && copyright != null && !copyright.isNull()) {
      release.graph().update(tx, version, release.graph().object().set("copyright", copyright.deepCopy()));
    }
  }

  private void addLocalization(StoreTx tx, Resource version, com.fasterxml.jackson.databind.node.ObjectNode attributes) {
    Resource localization = resources.insert(tx, "appStoreVersionLocalizations", attributes);
    release.graph().link(tx, localization, "appStoreVersion", version);
  }
}
