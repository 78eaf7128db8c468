package dev.braeburn.server.family.signing;

import dev.braeburn.server.jsonapi.ApiError;

/**
 * The refusals of bundle IDs, capabilities and devices in Apple's words (provisioning.md §5, §6).
 * Bodies recorded from Apple are kept verbatim; the rest follow the recorded pattern and are marked
 * inferred.
 */
final class SigningErrors {
  /** The title of Apple's provisioning 409s (recorded: "has invalid value", not the generic "attribute value is invalid"). */
  static final String INVALID_TITLE = "An attribute in the provided entity has invalid value";
  static final String ENTITY_TITLE = "There is a problem with the request entity";

  private SigningErrors() {}

  /** §5.1, recorded (togettoyou/ipashare#17): an identifier any team holds; no source member. */
  static ApiError identifierTaken(String identifier) {
    return identifierTaken("An App ID", identifier);
  }

  /** {@link #identifierTaken(String)} for merchant and pass type IDs ("A Merchant ID with Identifier …") [INFER: §7 records none]. */
  static ApiError identifierTaken(String what, String identifier) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", INVALID_TITLE,
        what + " with Identifier '" + identifier + "' is not available. Please enter a different string.");
  }

  /** §5.1, recorded (Cap-go/capgo.app#2385): a name with characters other than letters, digits and spaces. */
  static ApiError nameInvalid(String name) {
    return nameInvalid(name, "an app id");
  }

  /** {@link #nameInvalid(String)} for merchant and pass type IDs ("… for a merchant id.") [INFER: §7 records none]. */
  static ApiError nameInvalid(String name, String what) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", INVALID_TITLE, "'" + name
        + "' is not a valid name for " + what + ". Please choose a name containing only alphanumeric characters and spaces.");
  }

  /** §5.1, §9.7: the body for a malformed identifier is unrecorded; worded like the name's [INFER]. */
  static ApiError identifierInvalid(String identifier, String why) {
    return identifierInvalid(identifier, "an app id", why);
  }

  static ApiError identifierInvalid(String identifier, String what, String why) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", INVALID_TITLE,
        "'" + identifier + "' is not a valid identifier for " + what + ". " + why);
  }

  /** §5.1: an App ID with an app cannot be deleted; only the wording expo matches on is recorded [INFER: the rest]. */
  static ApiError bundleIdHasApp(String identifier) {
    return ApiError.of(409, "ENTITY_ERROR", ENTITY_TITLE,
        "The bundle '" + identifier + "' cannot be deleted. Delete all the Apps related to this bundle to proceed.");
  }

  /** §5.2: a capability, setting or option the App ID cannot take; unrecorded [INFER]. */
  static ApiError capabilityInvalid(String detail, String pointer) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", INVALID_TITLE, detail).pointer(pointer);
  }

  /** §6.2, recorded (bitrise-steplib/steps-ios-auto-provision#130). */
  static ApiError udidInvalid(String udid) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", INVALID_TITLE,
        "An invalid value '" + udid + "' was provided for the parameter 'udid'.");
  }

  /** §6.2, recorded (fastlane/fastlane PR #17426). */
  static ApiError udidTaken(String udid) {
    return ApiError.of(409, "ENTITY_ERROR", ENTITY_TITLE, "A device with number '" + udid + "' already exists on this team.");
  }

  /** §6.2, recorded (AtB-AS/mittatb-app PR #5972) for iPhones; the other product families' names are inferred. */
  static ApiError deviceLimit(String productFamily) {
    return ApiError.of(403, "FORBIDDEN_ERROR", "This request is forbidden for security reasons",
        "Your development team has reached the maximum number of registered " + productFamily + " devices.");
  }
}
