package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Apple answers when an App Store version cannot be reviewed (review-pipeline.md §2.1–2.2):
 * one 409 {@code STATE_ERROR.ENTITY_STATE_INVALID} whose {@code meta.associatedErrors} names every
 * missing piece at once, keyed by resource path, each a full error object. Keys, codes and wording
 * are the recorded ones; the keys and titles the recordings leave open are marked inferred.
 */
final class ReadinessErrors {
  static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";

  /** The associated errors being collected, in the order found, with one plain sentence per problem for the diagnosis. */
  static final class Found {
    private final Map<String, List<ApiError>> byKey = new LinkedHashMap<>();
    private final List<String> reasons = new ArrayList<>();

    void add(String key, ApiError error, String reason) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(error);
      reasons.add(reason);
    }

    boolean isEmpty() {
      return byKey.isEmpty();
    }

    Map<String, List<ApiError>> errors() {
      return byKey;
    }

    List<String> reasons() {
      return reasons;
    }
  }

  private ReadinessErrors() {}

  /** The envelope (§2.1, recorded); the id is the API id, not Apple's internal number (inferred: clients read only the associated details). */
  static ApiError notInValidState(String versionId, Map<String, List<ApiError>> associated) {
    return notInValidState(VersionStates.TYPE, versionId, associated);
  }

  /** The same envelope for an item of any kind (inferred beyond versions). */
  static ApiError notInValidState(String type, String id, Map<String, List<ApiError>> associated) {
    return ApiError.of(409, "STATE_ERROR.ENTITY_STATE_INVALID", type + " with id '" + id + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.").associated(associated);
  }

  static String versionKey(String versionId) {
    return "/v1/appStoreVersions/" + versionId;
  }

  /** e.g. {@code STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65}, "A screenshot with type iphone65 is required but was not provided" (recorded). */
  static ApiError screenshotRequired(String displayType, String detailName) {
    return ApiError.of(409, "STATE_ERROR.SCREENSHOT_REQUIRED." + displayType, "App screenshot missing (" + displayType + ").",
        "A screenshot with type " + detailName + " is required but was not provided");
  }

  /** {@code ENTITY_ERROR.ATTRIBUTE.REQUIRED} with Apple's detail and pointer (recorded for every attribute listed in §2.2). */
  static ApiError attributeRequired(String attribute) {
    return Errors.attributeRequired(attribute, "/data/attributes/" + attribute);
  }

  /** {@code ENTITY_ERROR.RELATIONSHIP.REQUIRED} (primaryCategory recorded by name only; the wording is the create path's). */
  static ApiError relationshipRequired(String relationship) {
    return Errors.relationshipRequired(relationship, "/data/relationships/" + relationship);
  }

  /** The version has no review contact record at all (recorded, N-APPDAB). */
  static ApiError reviewDetailMissing(String versionId) {
    return Errors.relationshipInvalid("The appStoreReviewDetail associated with appStoreVersions " + versionId + " was not found.",
        "/data/relationships/appStoreReviewDetail");
  }

  /** Key {@code /v2/appPrices/}, code recorded; no title or detail was recorded — both inferred. */
  static ApiError pricingRequired() {
    return ApiError.of(409, "STATE_ERROR.APP_PRICING_REQUIRED", STATE_TITLE, "You must set a price for the app before it can be reviewed.");
  }

  /** Key {@code /v1/appDataUsages/} (recorded). */
  static ApiError dataUsagesRequired() {
    return ApiError.of(409, "STATE_ERROR.APP_DATA_USAGES_REQUIRED", "Answers to what data your app collects and how it's used are needed.",
        "You must have published answers to your app's data usages.");
  }

  /** The version is in a state App Review does not take (inferred wording). */
  static ApiError notReviewable(String versionId, String state) {
    return ApiError.of(409, "STATE_ERROR", STATE_TITLE,
        "appStoreVersions with id '" + versionId + "' is " + state + " and cannot be added to a review submission.");
  }

  /** Already in an unfinished submission: key {@code /appStoreVersions/<id>} (no {@code /v1}, recorded, N-SUBREP). */
  static ApiError partOfAnotherSubmission(String type, String id, String submissionId) {
    return ApiError.of(409, "STATE_ERROR.ITEM_PART_OF_ANOTHER_SUBMISSION", "Item is already present in another reviewSubmission",
        type + " with id " + id + " was already added to another reviewSubmission with id " + submissionId);
  }
}
