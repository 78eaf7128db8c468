package dev.braeburn.server.snapshot;

/**
 * A snapshot that cannot be saved or loaded as asked. {@link Problem#MALFORMED}: not JSON, or
 * cut short; {@link Problem#INVALID}: well-formed JSON that is not a loadable snapshot (unknown
 * format or version, a missing field, a link to nowhere), with a JSON {@link #pointer} to the
 * offending place; {@link Problem#UNKNOWN_TEAM}: a team snapshot of a team the server lacks.
 */
public final class SnapshotException extends RuntimeException {
  public enum Problem { MALFORMED, INVALID, UNKNOWN_TEAM }

  private final Problem problem;
  private final String pointer;

  private SnapshotException(Problem problem, String pointer, String detail) {
    super(detail, null, false, false);
    this.problem = problem;
    this.pointer = pointer;
  }

  static SnapshotException malformed(String detail) {
    return new SnapshotException(Problem.MALFORMED, null, detail);
  }

  static SnapshotException invalid(String pointer, String detail) {
    return new SnapshotException(Problem.INVALID, pointer, detail);
  }

  static SnapshotException unknownTeam(String issuerId) {
    return new SnapshotException(Problem.UNKNOWN_TEAM, null, "There is no team with issuer ID '" + issuerId + "'");
  }

  public Problem problem() {
    return problem;
  }

  /** Where in the document, as a JSON pointer ({@code /resources/12/type}); null when not one place. */
  public String pointer() {
    return pointer;
  }
}
