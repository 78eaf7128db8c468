package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;

/**
 * Apple's error bodies for versions, builds on versions, release requests and phased releases, in
 * one place so each wording and its source is written once. Recorded bodies cite the reference;
 * the rest is marked inferred (Apple's answer is unrecorded) and the diagnosis says so.
 */
final class ReleaseErrors {
  static final String VERSION_STRING = "/data/attributes/versionString";
  static final String APP = "/data/relationships/app";
  static final String EARLIEST_RELEASE_DATE = "/data/attributes/earliestReleaseDate";
  static final String BUILD = "/data/relationships/build";
  static final String PHASED_STATE = "/data/attributes/phasedReleaseState";
  static final String VERSION_OF_PHASED_RELEASE = "/data/relationships/appStoreVersion";

  private static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";
  private static final String INVALID_STATE_TITLE = "An attribute value is not acceptable for the current resource state.";

  private ReleaseErrors() {}

  /** review-pipeline.md §5.1 [REAL RK-NOTES, TL]: another version of the platform is not released yet (also the first error for a reused string). */
  static ApiError cannotCreateVersion() {
    return Errors.relationshipInvalid("You cannot create a new version of the App in the current state.", APP);
  }

  /** review-pipeline.md §5.1 [REAL]: follows {@link #cannotCreateVersion()}; never names the version that used the string. */
  static ApiError versionStringUsed() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The provided entity includes an attribute with a value that has already been used", "The version number has been previously used.")
        .pointer(VERSION_STRING);
  }

  /** [INFER] Apple's body for a malformed versionString is unrecorded; the detail follows ITMS-90060's wording for CFBundleShortVersionString. */
  static ApiError versionStringMalformed(String versionString) {
    return Errors.attributeInvalid("The version string '" + versionString + "' must be a period-separated list of at most three non-negative integers.",
        VERSION_STRING);
  }

  /** [INFER] unrecorded at create (review-pipeline.md §9.8); the detail follows ITMS-90062, which uploads get for the same mistake. */
  static ApiError versionStringNotHigher() {
    return Errors.attributeInvalid("The version number must be higher than the previously approved version.", VERSION_STRING);
  }

  /** review-pipeline.md §4.5 [REAL, quoted in EAS removeDatePrecision]. */
  static ApiError earliestReleaseDateNotOnTheHour() {
    return Errors.attributeInvalid("The attribute 'earliestReleaseDate' only allows hour precision", EARLIEST_RELEASE_DATE);
  }

  /** [INFER] clients require a future date (review-pipeline.md §4.5, CODE CM); Apple's refusal is unrecorded. */
  static ApiError earliestReleaseDateNotInTheFuture() {
    return Errors.attributeInvalid("The attribute 'earliestReleaseDate' must be in the future", EARLIEST_RELEASE_DATE);
  }

  /** [INFER] a bound on client input: Apple's limit is unrecorded; a four-digit year is what every store keeps. */
  static ApiError earliestReleaseDateTooLate() {
    return Errors.attributeInvalid("The attribute 'earliestReleaseDate' must be before the year 10000", EARLIEST_RELEASE_DATE);
  }

  /** review-pipeline.md §5.2 [REAL TL + many]: the one body for every reason a build cannot be attached; the reason goes in the diagnosis. */
  static ApiError buildNotAddable() {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "A relationship value is not acceptable for the current resource state.",
        "The specified pre-release build could not be added.").pointer(BUILD);
  }

  /** review-pipeline.md §5.1 [REAL, Japanese reply-draft note]; code and title [INFER] (STATE_ERROR family, protocol.md §4.4). */
  static ApiError lastVersionNotDeletable() {
    return ApiError.of(409, "STATE_ERROR", STATE_TITLE, "The last version of an app cannot be deleted");
  }

  /** review-pipeline.md §5.1 [REAL]; code and title [INFER]. */
  static ApiError versionWithBuildsNotDeletable() {
    return ApiError.of(409, "STATE_ERROR", STATE_TITLE, "A version cannot be deleted if any build has been uploaded");
  }

  /** review-pipeline.md §4.6 [REAL TL] detail and pointer; code and title [INFER]. */
  static ApiError phasedReleaseAlreadyHasValue() {
    return Errors.attributeInvalid("The phased release already has this value", PHASED_STATE);
  }

  /** [INFER] a change the developer cannot make (start it, stop a completed one, go back to INACTIVE). */
  static ApiError phasedReleaseStateNotAllowed(String from, String to) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", INVALID_STATE_TITLE,
        "The phased release cannot change from " + from + " to " + to + ".").pointer(PHASED_STATE);
  }

  /** review-pipeline.md §4.6 [REAL N-HASK] code and its title; detail and pointer [INFER]. */
  static ApiError phasedReleaseExists() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE",
        "The provided entity includes an attribute with a value that has already been used",
        "The App Store version already has a phased release.").pointer(VERSION_OF_PHASED_RELEASE);
  }

  /** review-pipeline.md §4.6 [DOC D-PHAPI: "not available for the first version of an app"]; the body is [INFER]. */
  static ApiError phasedReleaseForFirstVersion() {
    return Errors.relationshipInvalid("Phased release is not available for the first version of an app.", VERSION_OF_PHASED_RELEASE);
  }

  /** review-pipeline.md §4.6 [CODE FL, N-HASK: creating ACTIVE on an unreleased version is rejected]; the body is [INFER]. */
  static ApiError phasedReleaseMustStartInactive(String requested) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", INVALID_STATE_TITLE,
        "A phased release is created INACTIVE and starts when its version is released; '" + requested + "' is not allowed.").pointer(PHASED_STATE);
  }
}
