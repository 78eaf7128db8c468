package dev.braeburn.server.family.signing;

import dev.braeburn.server.jsonapi.ApiError;

/** The refusals of {@code POST /v1/profiles} in Apple's words (provisioning.md §4.3). */
final class ProfileErrors {
  private ProfileErrors() {}

  /** Recorded (codemagic-ci-cd/cli-tools#26, #78) for App Store profiles; In-House and Developer ID alike [INFER]. */
  static ApiError devicesNotAllowed() {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.NOT_ALLOWED", "A relationship in the provided entity is not allowed for this request",
        "No devices can be associated to Provisioning Profiles for the App Store.");
  }

  /** Recorded (bitrise-steplib/steps-ios-auto-provision-appstoreconnect#40). */
  static ApiError devicesRequired() {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "Relationship is required but was not provided.",
        "The relationship 'devices' is required but was not provided with this request.");
  }

  /** Recorded (myappcloud/appstore-connect-api#2): the bundleId relationship names no App ID of the team. */
  static ApiError noAppId(String id) {
    return ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE, "There is no App ID with ID '" + id + "' on this team.");
  }

  /** Recorded in part (Kebechet PR #7, quoted in xprem#255): the App ID's platform cannot take the profile's. */
  static ApiError platformNotAllowed(String platform, String bundleIdId) {
    return ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE,
        "You are not allowed to create '" + platform + "' profile with App ID '" + bundleIdId + "'.");
  }

  /** Recorded (bitrise's mock and matcher, fastlane's web-API specs), two spaces included. */
  static ApiError duplicateName(String name) {
    return ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE,
        "Multiple profiles found with the name '" + name + "'.  Please remove the duplicate profiles and try again.");
  }

  /** The developer-portal wording (fastlane's web specs); the /v1 body is unrecorded (§9.2) [INFER]. */
  static ApiError noCurrentCertificates() {
    return ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE,
        "There are no current certificates on this team matching the provided certificate IDs.");
  }

  /** The developer-portal wording (fastlane-old/spaceship#6); the /v1 body is unrecorded (§9.2) [INFER]. */
  static ApiError noCurrentDevices() {
    return ApiError.of(409, "ENTITY_ERROR", SigningErrors.ENTITY_TITLE,
        "There are no current devices on this team matching the provided device IDs.");
  }
}
