package dev.braeburn.server.family.testflight;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;

/**
 * TestFlight's refusals in Apple's vocabulary (protocol.md §4.4, §7.2). Codes and titles Apple has
 * been recorded using are kept verbatim; the rest follow the recorded pattern and are marked
 * "inferred".
 */
final class TestFlightErrors {
  private TestFlightErrors() {}

  /** §4.4: the recorded relationship-state variant ("The specified pre-release build could not be added."). */
  static ApiError buildCannotBeAdded(String reason, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.RELATIONSHIP.INVALID.INVALID_STATE", // code inferred, title and first sentence recorded
            "A relationship value is not acceptable for the current resource state.",
            "The specified pre-release build could not be added. " + reason)
        .pointer(pointer);
  }

  /** §7.2: a build that cannot be submitted (already in beta testing, expired, not processed). */
  static ApiError buildNotEligible(String reason) {
    return Errors.relationshipInvalid(reason, "/data/relationships/build");
  }

  /** §7.2: recorded code; title and detail inferred. */
  static ApiError anotherBuildInReview(String detail) {
    return ApiError.of(422, "ENTITY_UNPROCESSABLE.ANOTHER_BUILD_IN_REVIEW", "Another build is already in review.", detail);
  }

  /** §7.2 "missing beta review details": Apple's code is not recorded; inferred from the family. */
  static ApiError reviewDetailsMissing(String detail) {
    return ApiError.of(
        422, "ENTITY_UNPROCESSABLE.MISSING_REQUIRED_DATA", "Beta App Review Information is incomplete.", detail);
  }

  /** §7.2: internal groups accept only team users; recorded detail "Tester(s) cannot be assigned". */
  static ApiError testersCannotBeAssigned(String pointer) {
    return Errors.relationshipInvalid("Tester(s) cannot be assigned", pointer);
  }

  /** §4.4: the recorded duplicate code and title, as for a reused version number. */
  static ApiError duplicateLocale(String locale, String buildId) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
            "The provided entity includes an attribute with a value that has already been used",
            "The build '" + buildId + "' already has a localization for the locale '" + locale + "'.")
        .pointer("/data/attributes/locale");
  }
}
