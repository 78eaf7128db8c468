package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Optional;

/**
 * The editable app info a new version brings (review-pipeline.md §3.2: "an editable appInfo
 * appears only when a new version exists"; with only the live one, a rename is refused). When the
 * app has only its live app info, a new one in PREPARE_FOR_SUBMISSION starts as its copy: the same
 * attributes, categories and localizations, and a new age rating declaration with the same answers
 * (its id the app info's, as Apple's are). An app with no app info at all gets an empty one
 * [INFER: Apple makes one with every app].
 */
final class EditableAppInfo {
  private static final String STATE = "PREPARE_FOR_SUBMISSION";
  private static final List<String> CATEGORIES = List.of("primaryCategory", "primarySubcategoryOne", "primarySubcategoryTwo",
      "secondaryCategory", "secondarySubcategoryOne", "secondarySubcategoryTwo");
  private static final List<String> LOCALIZED = List.of("locale", "name", "subtitle", "privacyPolicyUrl", "privacyChoicesUrl",
      "privacyPolicyText");

  private final Release release;
  private final NewResources resources;

  EditableAppInfo(Release release, NewResources resources) {
    this.release = release;
    this.resources = resources;
  }

  /** Makes sure {@code app} has an app info that changes with its next version; returns it. */
  Resource ensure(StoreTx tx, Resource app) {
    Optional<Resource> editable = release.appInfos().editable(tx, app);
    if (editable.isPresent()) {
      return editable.get();
    }
    Optional<Resource> live = release.appInfos().live(tx, app);
    ObjectNode attributes = live.map(l -> l.attributes().deepCopy()).orElseGet(() -> release.graph().object());
    attributes.put("state", STATE).put("appStoreState", STATE);
    Resource info = resources.insert(tx, AppInfos.TYPE, attributes);
    release.graph().link(tx, info, "app", app);
    Optional<Resource> rating = live.flatMap(l -> release.graph().relatedOne(tx, l, "ageRatingDeclaration"));
    Resource newRating = resources.insert(tx, "ageRatingDeclarations", info.id(),
        rating.map(r -> r.attributes().deepCopy()).orElseGet(() -> release.graph().object()));
    release.graph().link(tx, info, "ageRatingDeclaration", newRating);
    live.ifPresent(l -> copyFrom(tx, l, info));
    return info;
  }

  private void copyFrom(StoreTx tx, Resource live, Resource info) {
    for (String category : CATEGORIES) {
      release.graph().relatedOne(tx, live, category).ifPresent(c -> release.graph().link(tx, info, category, c));
    }
    for (Resource localization : release.graph().related(tx, live, "appInfoLocalizations")) {
      Resource copy = resources.insert(tx, "appInfoLocalizations", resources.copy(localization, LOCALIZED));
      release.graph().link(tx, copy, "appInfo", info);
    }
  }
}
