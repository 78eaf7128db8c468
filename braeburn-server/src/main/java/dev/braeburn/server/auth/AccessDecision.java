package dev.braeburn.server.auth;

/**
 * The outcome of {@link AccessPolicy#decide}: whether the caller may proceed, the policy group that
 * governed the operation (so logs and 403s can say which rule applied), and, when refused, a plain
 * English diagnosis for the emulator's operator — Apple's own 403 detail stays the generic "The API
 * key in use does not allow this request".
 */
public record AccessDecision(boolean allowed, String group, String reason) {

  static AccessDecision allow(String group) {
    return new AccessDecision(true, group, null);
  }

  static AccessDecision refuse(String group, String reason) {
    return new AccessDecision(false, group, reason);
  }
}
