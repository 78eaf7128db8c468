package dev.braeburn.server.family.storekit.signin;

/**
 * A Sign in with Apple request refused under one rule of {@code refusals.json} ({@link OAuthRules}
 * gives its OAuth error and status); the message is the plain-English diagnosis: which rule, what
 * state, how to fix it.
 */
final class OAuthRefusal extends RuntimeException {
  private final String rule;

  OAuthRefusal(String rule, String diagnosis) {
    super(diagnosis, null, false, false);
    this.rule = rule;
  }

  String rule() {
    return rule;
  }
}
