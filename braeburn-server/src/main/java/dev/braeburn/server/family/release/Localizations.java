package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;

/**
 * Creating version and app info localizations (review-pipeline.md §3.2): the locale must be one
 * App Store Connect offers and may appear once per version (per app info); a new app info locale
 * also makes the matching version localization on each of the app's editable versions, as App
 * Store Connect does — a POST of that version localization afterwards is the duplicate 409 and
 * clients PATCH it instead. Which states take a new localization is the type rules' create gate.
 */
final class Localizations {
  static final String VERSION_TYPE = "appStoreVersionLocalizations";
  static final String INFO_TYPE = "appInfoLocalizations";

  private final Release release;

  Localizations(Release release) {
    this.release = release;
  }

  /** {@code POST /v1/appStoreVersionLocalizations}. */
  ApiResponse createVersionLocalization(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource version = release.graph().relatedOne(tx, created, "appStoreVersion").orElseThrow();
      checkLocale(tx, created, version, "appStoreVersionLocalizations", "version " + describe(version));
    });
  }

  /** {@code POST /v1/appInfoLocalizations}. */
  ApiResponse createAppInfoLocalization(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource appInfo = release.graph().relatedOne(tx, created, "appInfo").orElseThrow();
      checkLocale(tx, created, appInfo, "appInfoLocalizations", "app info " + appInfo.id());
      if (!AppInfos.LIVE.equals(AppInfos.state(appInfo)) && !AppInfos.REPLACED.equals(AppInfos.state(appInfo))) {
        release.graph().relatedOne(tx, appInfo, "app").ifPresent(app -> addToEditableVersions(tx, app, locale(created)));
      }
    });
  }

  /** The locale is one App Store Connect offers and the only one of its kind under {@code parent}. */
  private void checkLocale(StoreTx tx, Resource created, Resource parent, String relation, String where) {
    String locale = locale(created);
    if (!AppStoreLocales.known(locale)) {
      throw new ApiException(List.of(MetadataErrors.unknownLocale()), "'" + locale + "' is not an App Store locale; App Store Connect"
          + " offers " + AppStoreLocales.ALL.size() + " (e.g. en-US, de-DE, ja, zh-Hans; language-only codes such as 'ar' or 'en' are"
          + " not among them). The list is Braeburn's choice from Apple's locale table (inferred).");
    }
    boolean taken = release.graph().related(tx, parent, relation).stream()
        .anyMatch(other -> !other.id().equals(created.id()) && locale.equals(locale(other)));
    if (taken) {
      throw new ApiException(List.of(MetadataErrors.duplicateLocale(locale)), where + " already has a " + created.type()
          + " for " + locale + "; PATCH that one instead (a new app info locale also adds the version localization of the editable"
          + " version, review-pipeline.md §3.2).");
    }
  }

  /** review-pipeline.md §3.2 (N-SHIIMAN): an app info locale brings the version localization of the editable version with it. */
  private void addToEditableVersions(StoreTx tx, Resource app, String locale) {
    for (Resource version : release.graph().related(tx, app, "appStoreVersions")) {
      if (!VersionStates.EDITABLE.contains(VersionStates.state(version))) {
        continue;
      }
      boolean present = release.graph().related(tx, version, "appStoreVersionLocalizations").stream().anyMatch(l -> locale.equals(locale(l)));
      if (!present) {
        ObjectNode attributes = release.graph().object().put("locale", locale);
        String id = release.services().ids().next(VERSION_TYPE);
        release.services().rules().beforeInsert(VERSION_TYPE, id, attributes, release.services().clock().instant());
        Resource localization = tx.insert(VERSION_TYPE, id, attributes);
        release.graph().link(tx, localization, "appStoreVersion", version);
        release.services().rules().afterLink(tx, localization);
      }
    }
  }

  static String locale(Resource localization) {
    return localization.attributes().path("locale").asText("");
  }

  static String describe(Resource version) {
    return version.id() + " (" + version.attributes().path("platform").asText() + " " + version.attributes().path("versionString").asText()
        + ", " + VersionStates.state(version) + ")";
  }
}
