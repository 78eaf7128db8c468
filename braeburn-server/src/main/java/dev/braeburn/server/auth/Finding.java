package dev.braeburn.server.auth;

/**
 * The outcome of one token check: which rule, whether it passed (or was skipped because an earlier
 * failure made it impossible), and a plain-English sentence for the diagnosis.
 */
public record Finding(String check, Outcome outcome, String detail) {
  public enum Outcome { PASSED, FAILED, SKIPPED }

  static Finding passed(String check, String detail) {
    return new Finding(check, Outcome.PASSED, detail);
  }

  static Finding failed(String check, String detail) {
    return new Finding(check, Outcome.FAILED, detail);
  }

  static Finding skipped(String check, String detail) {
    return new Finding(check, Outcome.SKIPPED, detail);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }
}
