package dev.braeburn.server.family.release;

import static dev.braeburn.server.family.release.ReadinessErrors.attributeRequired;
import static dev.braeburn.server.family.release.ReadinessErrors.relationshipRequired;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether an App Store version can be reviewed, checked as Apple checks it when the version is
 * added to a review submission and again when the submission is submitted (review-pipeline.md
 * §2.2): every missing piece is found, none stops the search. Keys not recorded are inferred from
 * the recorded pattern {@code /v1/<type>/<id>} (app, app info localization, review detail).
 */
final class Readiness {
  /** The age-rating questionnaire of spec 4.4.1: every question must be answered (overrides, kids band and info URL are optional). */
  static final List<String> AGE_RATING_QUESTIONS = List.of("advertising", "alcoholTobaccoOrDrugUseOrReferences", "contests", "gambling",
      "gamblingSimulated", "gunsOrOtherWeapons", "healthOrWellnessTopics", "lootBox", "medicalOrTreatmentInformation", "messagingAndChat",
      "parentalControls", "profanityOrCrudeHumor", "ageAssurance", "sexualContentGraphicAndNudity", "sexualContentOrNudity", "socialMedia",
      "socialMediaAgeRestricted", "horrorOrFearThemes", "matureOrSuggestiveThemes", "unrestrictedWebAccess", "userGeneratedContent",
      "violenceCartoonOrFantasy", "violenceRealisticProlongedGraphicOrSadistic", "violenceRealistic");
  static final List<String> REVIEW_CONTACT = List.of("contactFirstName", "contactLastName", "contactPhone", "contactEmail");
  static final List<String> DEMO_ACCOUNT = List.of("demoAccountName", "demoAccountPassword");

  private final Release release;
  private final Graph graph;
  private final AppPrivacy privacy;

  Readiness(Release release, AppPrivacy privacy) {
    this.release = release;
    this.graph = release.graph();
    this.privacy = privacy;
  }

  /** Every reason {@code version} of {@code app} cannot be reviewed now; empty when it can. */
  ReadinessErrors.Found check(StoreTx tx, Resource version, Resource app) {
    ReadinessErrors.Found found = new ReadinessErrors.Found();
    String platform = version.attributes().path("platform").asText("");
    List<Resource> localizations = graph.related(tx, version, "appStoreVersionLocalizations").stream()
        .sorted(Comparator.comparingLong(Resource::seq)).toList();
    versionItself(tx, version, localizations, found);
    screenshots(tx, version, app, platform, localizations, found);
    boolean update = graph.related(tx, app, "appStoreVersions").stream()
        .anyMatch(v -> platform.equals(v.attributes().path("platform").asText()) && VersionStates.released(v));
    for (Resource localization : localizations) {
      String key = "/v1/appStoreVersionLocalizations/" + localization.id();
      for (String field : update ? List.of("description", "keywords", "supportUrl", "whatsNew") : List.of("description", "keywords", "supportUrl")) {
        missing(localization, field, key, "the " + localization.attributes().path("locale").asText() + " version text has no " + field, found);
      }
    }
    graph.relatedOne(tx, version, "build").ifPresent(build -> missing(build, "usesNonExemptEncryption", "/v1/builds/" + build.id(),
        "build " + build.id() + " has no export-compliance answer (PATCH usesNonExemptEncryption)", found));
    graph.relatedOne(tx, version, "appStoreReviewDetail").ifPresent(detail -> reviewContact(detail, found));
    missing(app, "contentRightsDeclaration", "/v1/apps/" + app.id(), "the app has no contentRightsDeclaration", found);
    appInfo(tx, app, found);
    if (!everReleased(tx, app) && !priced(tx, app)) {
      found.add("/v2/appPrices/", ReadinessErrors.pricingRequired(),
          "the app was never released and has no price (POST /v1/appPriceSchedules with a manual price; free is a price)");
    }
    if (!privacy.published(tx, app)) {
      found.add("/v1/appDataUsages/", ReadinessErrors.dataUsagesRequired(), "the app's App Privacy answers are not published"
          + " (no public API: PATCH /_braeburn/appReviews/apps/" + app.id() + " {\"dataUsagesPublished\":true})");
    }
    return found;
  }

  /** What hangs off the version itself: localizations, the build, the review contact record (key {@code /v1/appStoreVersions/<id>}). */
  private void versionItself(StoreTx tx, Resource version, List<Resource> localizations, ReadinessErrors.Found found) {
    String key = ReadinessErrors.versionKey(version.id());
    if (localizations.isEmpty()) {
      found.add(key, relationshipRequired("appStoreVersionLocalizations"), "the version has no localizations (inferred body)");
    }
    if (graph.relatedOne(tx, version, "build").isEmpty()) {
      found.add(key, relationshipRequired("build"), "no build is attached to the version (Apple's body for this is unrecorded; inferred)");
    }
    if (graph.relatedOne(tx, version, "appStoreReviewDetail").isEmpty()) {
      found.add(key, ReadinessErrors.reviewDetailMissing(version.id()), "the version has no App Review contact record (POST /v1/appStoreReviewDetails)");
    }
  }

  /** The primary locale's screenshot sets; other locales inherit them (review-pipeline.md §3.1, N-SHOTS2). */
  private void screenshots(StoreTx tx, Resource version, Resource app, String platform, List<Resource> localizations,
      ReadinessErrors.Found found) {
    String primaryLocale = app.attributes().path("primaryLocale").asText("");
    Optional<Resource> primary = localizations.stream().filter(l -> primaryLocale.equals(l.attributes().path("locale").asText()))
        .findFirst().or(() -> localizations.stream().findFirst());
    List<Resource> sets = primary.map(l -> graph.related(tx, l, "appScreenshotSets")).orElse(List.of());
    for (ScreenshotRequirements.Requirement requirement : ScreenshotRequirements.of(platform)) {
      boolean present = sets.stream()
          .filter(set -> requirement.satisfiedBy().contains(set.attributes().path("screenshotDisplayType").asText()))
          .anyMatch(set -> graph.related(tx, set, "appScreenshots").stream().anyMatch(ScreenshotRequirements::delivered));
      if (!present) {
        found.add(ReadinessErrors.versionKey(version.id()), ReadinessErrors.screenshotRequired(requirement.reported(), requirement.detailName()),
            "no " + String.join(" or ", requirement.satisfiedBy().stream().sorted().toList()) + " screenshot in the "
                + primary.map(l -> l.attributes().path("locale").asText()).orElse(primaryLocale) + " localization");
      }
    }
  }

  private void reviewContact(Resource detail, ReadinessErrors.Found found) {
    String key = "/v1/appStoreReviewDetails/" + detail.id();
    for (String field : REVIEW_CONTACT) {
      missing(detail, field, key, "the App Review contact has no " + field, found);
    }
    if (detail.attributes().path("demoAccountRequired").asBoolean(false)) {
      for (String field : DEMO_ACCOUNT) {
        missing(detail, field, key, "the review needs a demo account and " + field + " is empty", found);
      }
    }
  }

  /** The app info that goes to review with the version: the editable one, else the live one. */
  private void appInfo(StoreTx tx, Resource app, ReadinessErrors.Found found) {
    Optional<Resource> info = release.appInfos().editable(tx, app).or(() -> release.appInfos().live(tx, app));
    if (info.isEmpty()) {
      found.add("/v1/apps/" + app.id(), relationshipRequired("appInfos"), "the app has no app info (inferred body)");
      return;
    }
    String key = "/v1/appInfos/" + info.get().id();
    if (graph.relatedOne(tx, info.get(), "primaryCategory").isEmpty()) {
      found.add(key, relationshipRequired("primaryCategory"), "app info " + info.get().id() + " has no primaryCategory");
    }
    List<Resource> localizations = graph.related(tx, info.get(), "appInfoLocalizations").stream()
        .sorted(Comparator.comparingLong(Resource::seq)).toList();
    for (Resource localization : localizations) {
      missing(localization, "privacyPolicyUrl", "/v1/appInfoLocalizations/" + localization.id(),
          "the " + localization.attributes().path("locale").asText() + " app info has no privacyPolicyUrl", found);
    }
    Optional<Resource> declaration = graph.relatedOne(tx, info.get(), "ageRatingDeclaration");
    if (declaration.isEmpty()) {
      found.add(key, relationshipRequired("ageRatingDeclaration"), "app info " + info.get().id() + " has no age rating declaration (inferred body)");
      return;
    }
    for (String question : AGE_RATING_QUESTIONS) {
      missing(declaration.get(), question, "/v1/ageRatingDeclarations/" + declaration.get().id(),
          "the age rating question " + question + " is unanswered", found);
    }
  }

  private static void missing(Resource resource, String attribute, String key, String reason, ReadinessErrors.Found found) {
    var value = resource.attributes().get(attribute);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      found.add(key, attributeRequired(attribute), reason);
    }
  }

  private boolean everReleased(StoreTx tx, Resource app) {
    return graph.related(tx, app, "appStoreVersions").stream().anyMatch(VersionStates::released);
  }

  /** A price schedule with at least one manual price: the empty schedule of a new app does not count (§7.1). */
  private boolean priced(StoreTx tx, Resource app) {
    return graph.relatedOne(tx, app, "appPriceSchedule").map(s -> !graph.related(tx, s, "manualPrices").isEmpty()).orElse(false);
  }
}
