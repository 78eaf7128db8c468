package dev.braeburn.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Every check a token went through, in order, and the verified token when all passed. Used both on
 * the request path (the first failure becomes the diagnosis) and by {@code braeburn token
 * --explain}, which prints all of it. {@code claimedKeyId} is the header's {@code kid} when it could
 * be read, whether or not it names a key.
 */
public record TokenReport(List<Finding> findings, VerifiedToken token, String claimedKeyId, ApiSurface surface) {
  public TokenReport {
    findings = List.copyOf(findings);
  }

  public boolean accepted() {
    return token != null;
  }

  public Optional<Finding> firstFailure() {
    return findings.stream().filter(Finding::failed).findFirst();
  }

  /** A readable multi-line account: one line per check, then the verdict. */
  public String explain() {
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      String mark = switch (f.outcome()) {
        case PASSED -> "ok  ";
        case FAILED -> "FAIL";
        case SKIPPED -> "skip";
      };
      out.append(String.format("%s  %-18s %s%n", mark, f.check(), f.detail()));
    }
    out.append(accepted()
        ? "verdict: accepted — " + surface.title() + " would let this token through"
        : surface == ApiSurface.APP_STORE_CONNECT ? "verdict: rejected — App Store Connect answers 401 NOT_AUTHORIZED (and never says why)"
        : "verdict: rejected — the App Store Server API answers 401 with no JSON body (and never says why)");
    return out.append(System.lineSeparator()).toString();
  }
}
