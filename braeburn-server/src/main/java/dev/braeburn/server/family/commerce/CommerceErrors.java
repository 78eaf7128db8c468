package dev.braeburn.server.family.commerce;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;
import java.util.Map;

/** Apple's refusals for products (docs/commerce/products.md lists each with its source). */
final class CommerceErrors {
  static final String STATE_TITLE = "The request cannot be fulfilled because of the state of another resource.";
  static final String DUPLICATE_TITLE = "The provided entity includes an attribute with a value that has already been used";

  private CommerceErrors() {}

  /**
   * A product ID in use or used before, by an in-app purchase or a subscription of the app: 409
   * DUPLICATE "This product ID has already been used", pointer productId (recorded in client notes
   * of 2026, e.g. "HTTP 409 ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE detail: This product ID has
   * already been used pointer: /data/attributes/productId"; title: protocol.md §4 DUPLICATE).
   */
  static ApiError productIdUsed() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", DUPLICATE_TITLE, "This product ID has already been used")
        .pointer("/data/attributes/productId");
  }

  /** [INFER] Apple allows letters, digits, underscores and periods; the wording of the refusal is not recorded. */
  static ApiError productIdCharacters() {
    return Errors.attributeInvalid("The product ID can only contain alphanumeric characters, underscores, and periods.",
        "/data/attributes/productId");
  }

  /** [INFER] reference names are unique within the app and kind; the wording is not recorded. */
  static ApiError referenceNameUsed(String attribute) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", DUPLICATE_TITLE, "The reference name you entered is already being used.")
        .pointer("/data/attributes/" + attribute);
  }

  /** [INFER] one localization per locale, as for the version localizations (review-pipeline.md §3; wording inferred). */
  static ApiError localeUsed(String locale) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", DUPLICATE_TITLE,
        "A localization for the locale '" + locale + "' already exists.").pointer("/data/attributes/locale");
  }

  /** [INFER] Apple's help: Family Sharing cannot be turned off once turned on; wording inferred. */
  static ApiError familySharingOn() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE", "An attribute value is not acceptable for the current resource state.",
        "Family Sharing cannot be turned off once it is turned on.").pointer("/data/attributes/familySharable");
  }

  /** [INFER] group levels are 1 … the number of subscriptions of the group; wording inferred. */
  static ApiError groupLevel(int max) {
    return Errors.attributeInvalid("The group level must be between 1 and " + max + ".", "/data/attributes/groupLevel");
  }

  /**
   * The first subscription or in-app purchase of an app submitted on its own: code recorded
   * (rorkai/App-Store-Connect-CLI#1122, rorkai/app-store-connect-cli-skills#27: {@code POST
   * /v1/subscriptionSubmissions} and {@code /v1/inAppPurchaseSubmissions} return it); title and
   * detail not recorded [INFER].
   */
  static ApiError firstMustRideWithVersion(String kind) {
    return ApiError.of(409, "STATE_ERROR.FIRST_SUBSCRIPTION_MUST_BE_SUBMITTED_ON_VERSION", STATE_TITLE,
        "Your first " + kind + " must be submitted with a new app version.");
  }

  /** The review envelope (review-pipeline.md §2.1, recorded for versions; for products inferred) around what is missing. */
  static ApiError notInValidState(String type, String id, Map<String, List<ApiError>> associated) {
    return ApiError.of(409, "STATE_ERROR.ENTITY_STATE_INVALID", type + " with id '" + id + "' is not in valid state.",
        "This resource cannot be reviewed, please check associated errors to see why.").associated(associated);
  }

  /** A product whose state App Review does not take (already waiting, in review, approved …) [INFER wording]. */
  static ApiError notSubmittable(String type, String id, String state) {
    return ApiError.of(409, "STATE_ERROR", STATE_TITLE, type + " with id '" + id + "' is " + state + " and cannot be submitted for review.");
  }

  static ApiError attributeRequired(String attribute) {
    return Errors.attributeRequired(attribute, "/data/attributes/" + attribute);
  }

  static ApiError relationshipRequired(String relationship) {
    return Errors.relationshipRequired(relationship, "/data/relationships/" + relationship);
  }

  static final String RELATIONSHIP_TITLE = "The provided entity includes a relationship with an invalid value";

  /**
   * A relationship Apple does not take here: code and title recorded for other resources
   * (protocol.md §4, review-pipeline.md §2); for products' images and promoted purchases the detail
   * is inferred [INFER].
   */
  static ApiError relationshipInvalid(String relationship, String detail) {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", RELATIONSHIP_TITLE, detail).pointer("/data/relationships/" + relationship);
  }
}
