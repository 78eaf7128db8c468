package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;

/** The refusals of price writes, each with its diagnosis (which rule, what is wrong, how to fix it). */
final class PriceErrors {
  private PriceErrors() {}

  static ApiException of(ApiError error, String diagnosis) {
    return new ApiException(List.of(error), diagnosis);
  }

  /** A related resource the team does not have (protocol.md §4.4 wording). */
  static ApiException missing(String type, String id, String pointer, String diagnosis) {
    return of(Errors.relationshipTargetMissing(type, id, pointer), diagnosis);
  }

  /**
   * An inline-created resource whose id is not a local {@code ${…}} id: Apple's recorded body
   * (37MobileTeam/AppleParty#18: "The provided included entity id 'USA' has invalid format").
   */
  static ApiException includedId(String id, int index) {
    return of(Errors.includedIdInvalid(id, "/included/" + index + "/id"),
        "Inline-created prices in 'included' need local ids of the form ${name}, referenced from manualPrices; '" + id
            + "' is not one.");
  }

  /** [INFER] Apple's code and wording for an invalid price relationship are unrecorded. */
  static ApiException relationship(String detail, String pointer, String diagnosis) {
    return of(Errors.relationshipInvalid(detail, pointer), diagnosis + " [inferred: Apple's exact body is unrecorded]");
  }

  /** [INFER] Apple's code and wording for invalid price dates are unrecorded. */
  static ApiException dates(String detail, String pointer, String diagnosis) {
    return of(Errors.attributeInvalid(detail, pointer), diagnosis + " [inferred: Apple's exact body is unrecorded]");
  }
}
