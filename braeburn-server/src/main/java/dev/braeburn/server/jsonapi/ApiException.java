package dev.braeburn.server.jsonapi;

import java.util.List;

/**
 * Ends a request with Apple-format errors. All errors share the HTTP status of the first; Apple
 * groups errors of one kind (e.g. one 409 per offending attribute) in one response.
 */
public final class ApiException extends RuntimeException {
  private final transient List<ApiError> errors;
  private final String diagnosis;

  public ApiException(ApiError error) {
    this(List.of(error));
  }

  public ApiException(List<ApiError> errors) {
    this(errors, null);
  }

  /**
   * Errors with Braeburn's own explanation of the refusal — sent in {@code X-Braeburn-Diagnosis}
   * and kept in the journal, while the wire body stays Apple's.
   */
  public ApiException(List<ApiError> errors, String diagnosis) {
    super(errors.getFirst().code() + ": " + errors.getFirst().detail(), null, false, false);
    this.errors = List.copyOf(errors);
    this.diagnosis = diagnosis;
  }

  /** Why the request was refused, in plain words, or null when the error detail says it all. */
  public String diagnosis() {
    return diagnosis;
  }

  public List<ApiError> errors() {
    return errors;
  }

  public int status() {
    return errors.getFirst().status();
  }
}
