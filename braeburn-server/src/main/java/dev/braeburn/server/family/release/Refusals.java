package dev.braeburn.server.family.release;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The refusals one request collects before answering: Apple's error objects, in the order Apple
 * lists them, each with Braeburn's reason for the X-Braeburn-Diagnosis header and the journal.
 */
final class Refusals {
  private final List<ApiError> errors = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  Refusals add(ApiError error, String reason) {
    errors.add(error);
    if (!reasons.contains(reason)) {
      reasons.add(reason);
    }
    return this;
  }

  boolean any() {
    return !errors.isEmpty();
  }

  /** Ends the request with every error collected, if any (rolling back the transaction). */
  void throwIfAny() {
    if (any()) {
      throw new ApiException(errors, String.join(" ", reasons));
    }
  }

  /** One error with its reason. */
  static ApiException of(ApiError error, String reason) {
    return new ApiException(List.of(error), reason);
  }
}
