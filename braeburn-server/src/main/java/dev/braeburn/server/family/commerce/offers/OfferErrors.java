package dev.braeburn.server.family.commerce.offers;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;

/**
 * Apple's error bodies for offers, each wording written once. Recorded ones cite their source; the
 * rest are marked [INFER] (Apple's answer is unrecorded) and every diagnosis says "inferred".
 */
final class OfferErrors {
  static final String MODE = "/data/attributes/offerMode";
  static final String DURATION = "/data/attributes/duration";
  static final String PERIODS = "/data/attributes/numberOfPeriods";
  static final String PERIOD_COUNT = "/data/attributes/periodCount";
  static final String START = "/data/attributes/startDate";
  static final String END = "/data/attributes/endDate";
  static final String PRICE_POINT = "/data/relationships/subscriptionPricePoint";
  static final String TERRITORY = "/data/relationships/territory";
  static final String SUBSCRIPTION = "/data/relationships/subscription";
  static final String EXPIRATION = "/data/attributes/expirationDate";
  static final String NUMBER_OF_CODES = "/data/attributes/numberOfCodes";
  static final String CUSTOM_CODE = "/data/attributes/customCode";
  static final String OFFER_CODE = "/data/attributes/offerCode";
  static final String OFFER_ID = "/data/attributes/offerId";

  private OfferErrors() {}

  static ApiException refuse(ApiError error, String diagnosis) {
    return new ApiException(List.of(error), diagnosis);
  }

  /** [REAL rorkai/App-Store-Connect-CLI#1502]: Apple's 409 detail for a FREE_TRIAL price with a price point; the code is [INFER]. */
  static ApiError freeTrialPricePoint(String pointer) {
    return Errors.relationshipInvalid("For FREE_TRIAL offerMode, subscriptionPricePoint must be null", pointer);
  }

  /** [INFER] a paid offer without its price in a territory; the wording follows Apple's relationship-required body. */
  static ApiError pricePointRequired(String mode, String pointer) {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED", "The provided entity is missing a required relationship",
        "For " + mode + " offerMode, you must provide a value for the relationship 'subscriptionPricePoint'").pointer(pointer);
  }

  /** [INFER] the price point is for another territory than the offer's. */
  static ApiError pricePointTerritory(String pointer) {
    return Errors.relationshipInvalid("The subscriptionPricePoint must be for the territory of the offer", pointer);
  }

  /** [INFER] two prices of one offer for the same territory. */
  static ApiError territoryPricedTwice(String pointer) {
    return Errors.relationshipInvalid("An offer can have only one price per territory", pointer);
  }

  /** [INFER] a duration the offer mode does not take. */
  static ApiError durationNotForMode(String duration, String mode) {
    return Errors.attributeInvalid("The duration '" + duration + "' is not valid for offerMode '" + mode + "'", DURATION);
  }

  /** [INFER] too many or too few periods for the mode. */
  static ApiError periods(String attribute, int max, String mode, String pointer) {
    return Errors.attributeInvalid("The attribute '" + attribute + "' must be between 1 and " + max + " for offerMode '" + mode + "'", pointer);
  }

  /** [INFER] a second introductory offer for a territory whose dates overlap an existing one. */
  static ApiError introductoryOfferExists() {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
        "An introductory offer already exists for this subscription in this territory for the given dates").pointer(TERRITORY);
  }

  /** [INFER] endDate before startDate. */
  static ApiError endBeforeStart(String pointer) {
    return Errors.attributeInvalid("The end date must be on or after the start date", pointer);
  }

  /** [INFER] a promotional offer or win-back identifier reused within the subscription group (RevenueCat/purchases-ios#4393: unique per group). */
  static ApiError identifierUsed(String attribute, String pointer) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", "The provided entity includes an attribute with a value that has already been used",
        "The " + attribute + " has already been used in this subscription group").pointer(pointer);
  }

  /** [INFER] identifier characters. */
  static ApiError identifierMalformed(String attribute, String pointer) {
    return Errors.attributeInvalid("The attribute '" + attribute + "' can contain only letters, numbers, periods, hyphens and underscores, up to 64 characters",
        pointer);
  }

  /** [INFER] Apple's limit of 10 active promotional offers per subscription (App Store Connect Help, promotional offers). */
  static ApiError tooManyPromotionalOffers() {
    return ApiError.of(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
        "A subscription can have up to 10 promotional offers").pointer(SUBSCRIPTION);
  }

  /** [INFER] custom code characters. */
  static ApiError customCodeMalformed() {
    return Errors.attributeInvalid("The custom code can contain only letters and numbers, up to 64 characters", CUSTOM_CODE);
  }

  /** [INFER] a custom code already in use by the team. */
  static ApiError customCodeUsed() {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE", "The provided entity includes an attribute with a value that has already been used",
        "The custom code has already been used").pointer(CUSTOM_CODE);
  }

  /** [INFER] numberOfCodes out of bounds. */
  static ApiError numberOfCodes(int max) {
    return Errors.attributeInvalid("The attribute 'numberOfCodes' must be between 1 and " + max, NUMBER_OF_CODES);
  }

  /** [INFER] the app's 1,000,000 codes a quarter (App Store Connect Help) would be passed; Apple's body is unrecorded. */
  static ApiError quarterlyLimit(long remaining) {
    return Errors.attributeInvalid("The number of codes exceeds the limit of 1,000,000 offer codes per app per quarter; " + Math.max(0, remaining)
        + " remaining this quarter", NUMBER_OF_CODES);
  }

  /** [INFER] an expiration date not in the future or more than six months away (App Store Connect Help: one-time codes expire within six months). */
  static ApiError expiration(String detail) {
    return Errors.attributeInvalid(detail, EXPIRATION);
  }

  /** [INFER] a win-back eligibility value out of Apple's bounds. */
  static ApiError winBackRange(String attribute, String detail) {
    return Errors.attributeInvalid("The attribute '" + attribute + "' " + detail, "/data/attributes/" + attribute);
  }
}
