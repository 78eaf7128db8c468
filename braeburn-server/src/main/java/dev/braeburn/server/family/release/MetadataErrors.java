package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;

/**
 * The metadata refusals in Apple's words (review-pipeline.md §3.2, protocol.md §4.4, §6.2). Bodies
 * recorded from Apple are kept verbatim; where only part of a body is recorded, the rest follows
 * the recorded pattern and is marked inferred.
 */
final class MetadataErrors {
  static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";

  private MetadataErrors() {}

  /** fastlane #20702: {@code POST /v1/appStoreVersionLocalizations} with a locale App Store Connect does not offer. */
  static ApiError unknownLocale() {
    return Errors.attributeInvalid("The language specified is not listed for localization", "/data/attributes/locale");
  }

  /**
   * A second localization for a locale, recorded live (rorkai PR #2583, 2026-09-15) for version
   * localizations; the same body for app info localizations is inferred.
   */
  static ApiError duplicateLocale(String locale) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
            "The provided entity includes an attribute with a value that has already been used",
            "Entity with locale: " + locale + " already exists. Try updating.")
        .pointer("/data/attributes/locale");
  }

  /** A second review detail for a version, recorded live (rorkai docs, 2026-09-15): no pointer. */
  static ApiError reviewDetailExists() {
    return ApiError.of(409, "STATE_ERROR.ALREADY_EXISTS", "Resource already exists.", "The given app version already has an existing review.");
  }

  /** fastlane #16716 and review-pipeline.md §3.2: the phone must start with '+' and the country code. */
  static ApiError phoneFormat() {
    return Errors.attributeInvalid("The phone number must be in a valid format. Preface the phone number with '+' followed by the "
        + "country code (for example, +44 844 209 0611)", "/data/attributes/contactPhone");
  }

  /**
   * protocol.md §4.4 records the details "Screenshot Set Already Exists!" and "Too many screenshots
   * (10)"; the code and title are the STATE_ERROR family's, as a client's mock of the first shows
   * [INFER]. Previews have no recording: their wording follows the screenshots' [INFER].
   */
  static ApiError mediaState(String detail) {
    return ApiError.of(409, "STATE_ERROR", STATE_TITLE, detail);
  }
}
