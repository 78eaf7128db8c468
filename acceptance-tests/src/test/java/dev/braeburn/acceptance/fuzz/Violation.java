package dev.braeburn.acceptance.fuzz;

/** One thing the oracle found wrong with an answer, of a kind that can be counted and, while a fix is pending, tolerated. */
public record Violation(Kind kind, String message) {
  public enum Kind {
    /** A 5xx answer. */
    SERVER_ERROR,
    /** No full answer within the bound. */
    HANG,
    /** The connection broke without an answer. */
    NO_RESPONSE,
    /** The server closed a kept-alive connection after an answer without {@code Connection: close}. */
    SILENT_CLOSE,
    /** A refusal that is not an error document of the right shape and status. */
    ERROR_FORMAT,
    /** A success whose body does not validate against the spec. */
    SCHEMA,
    /** A success for a body that is not exactly one JSON document (the request had to be refused). */
    ACCEPTED_MALFORMED
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
