package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiError;

/**
 * Apple's refusals on the review-submission path (review-pipeline.md §2.3, §4.1, §8; protocol.md
 * §4.4, §7.4). Recorded wording is quoted; where a part is unrecorded the choice is marked
 * "inferred" here and in docs/app-review.md, and the diagnosis says so.
 */
final class ReviewErrors {
  static final String CONFLICT = "ENTITY_ERROR.RELATIONSHIP.INVALID";
  static final String LONG_INVALID_TITLE = "The provided entity includes a relationship with an invalid value";
  /** The title of Apple's "not cancellable" refusal (review-pipeline.md §4.1, recorded). */
  static final String STATE_TITLE = "Resource state is invalid.";
  /**
   * The code of that refusal: reported as STATE_ERROR.ENTITY_STATE_INVALID (an MCP server's notes)
   * and as CONFLICT (a client's mock); inferred: the first, the code Apple's submission errors use.
   */
  static final String STATE_CODE = "STATE_ERROR.ENTITY_STATE_INVALID";

  private ReviewErrors() {}

  /** {@code POST /v1/reviewSubmissions} for an app that does not exist: 409, not 404 (§2.3, recorded). */
  static ApiError unknownApp(String appId) {
    return ApiError.of(409, CONFLICT, "Relationship is invalid", "app with id " + appId + " cannot be found")
        .pointer("/data/relationships/app");
  }

  /** A second submission of an app and platform while one is in progress: detail recorded (fastlane #21482), code/title/pointer inferred. */
  static ApiError anotherInProgress(String otherId) {
    return ApiError.of(409, CONFLICT, LONG_INVALID_TITLE, "There is another reviewSubmissions with id " + otherId + " still in progress.")
        .pointer("/data/relationships/app");
  }

  /** {@code canceled:true} on a draft or a finished submission (§4.1; code inferred, see {@link #STATE_CODE}). */
  static ApiError notCancellable() {
    return ApiError.of(409, STATE_CODE, STATE_TITLE, "Resource is not in cancellable state");
  }

  /** {@code submitted:true} on a submission already submitted or finished (inferred, worded like the cancel refusal). */
  static ApiError notSubmittable() {
    return ApiError.of(409, STATE_CODE, STATE_TITLE, "Resource is not in submittable state");
  }

  /** {@code submitted:true} without an app version to review (§8.1, recorded). */
  static ApiError versionForReviewRequired(String appId, String platform) {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "Relationship is required", "App " + appId
            + " must have an approved appStoreVersions for platform " + platform
            + ", or an appStoreVersions must be included in this review submission.")
        .pointer("/data/relationships/appStoreVersionForReview");
  }

  /** {@code submitted:true} on a submission without items, of an app that has an approved version (inferred). */
  static ApiError nothingToSubmit(String submissionId) {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "Relationship is required",
        "reviewSubmissions with id " + submissionId + " has no items to submit.").pointer("/data/relationships/items");
  }

  /** Both actions in one PATCH (inferred). */
  static ApiError oneAction() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
        "A reviewSubmissions update can either submit or cancel, not both.").pointer("/data/attributes/canceled");
  }

  /** An item create naming no item, or more than one (inferred; Apple's schema allows any number). */
  static ApiError itemRequired(String names) {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "The provided entity is missing a required relationship",
        "You must provide a value for exactly one of the relationships " + names).pointer("/data/relationships");
  }

  static ApiError oneItemOnly(String name) {
    return ApiError.of(409, CONFLICT, LONG_INVALID_TITLE, "A reviewSubmissionItems names exactly one item; '" + name + "' is one too many.")
        .pointer("/data/relationships/" + name);
  }

  /** An item added to a submission that is not a draft — D-UNRES: none while UNRESOLVED_ISSUES (wording inferred). */
  static ApiError notADraft(String submissionId, String state) {
    return ApiError.of(409, CONFLICT, LONG_INVALID_TITLE,
        "Items cannot be added to reviewSubmissions with id " + submissionId + " in state " + state + ".")
        .pointer("/data/relationships/reviewSubmission");
  }

  /** An item of another app or platform than its submission's (inferred). */
  static ApiError otherAppOrPlatform(String relationship, String type, String id, String submissionId) {
    return ApiError.of(409, CONFLICT, LONG_INVALID_TITLE,
        type + " with id " + id + " does not belong to the app and platform of reviewSubmissions with id " + submissionId + ".")
        .pointer("/data/relationships/" + relationship);
  }

  /** DELETE or PATCH of an item its submission's state does not allow (§4.1: DELETE in UNRESOLVED_ISSUES → 409; wording inferred). */
  static ApiError itemState(String detail) {
    return ApiError.of(409, STATE_CODE, STATE_TITLE, detail);
  }
}
