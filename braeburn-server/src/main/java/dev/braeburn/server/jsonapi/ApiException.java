package dev.braeburn.server.jsonapi;

import java.util.List;

/**
 * Ends a request with Apple-format errors. All errors share the HTTP status of the first; Apple
 * groups errors of one kind (e.g. one 409 per offending attribute) in one response.
 */
public final class ApiException extends RuntimeException {
  private final transient List<ApiError> errors;

  public ApiException(ApiError error) {
    this(List.of(error));
  }

  public ApiException(List<ApiError> errors) {
    super(errors.getFirst().code() + ": " + errors.getFirst().detail(), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<ApiError> errors() {
    return errors;
  }

  public int status() {
    return errors.getFirst().status();
  }
}
