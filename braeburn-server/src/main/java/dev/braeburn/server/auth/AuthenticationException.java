package dev.braeburn.server.auth;

/**
 * A rejected token. The wire answer is always Apple's one 401 body; {@link #getMessage()} is the
 * precise reason, for Braeburn's diagnosis side channel.
 */
public final class AuthenticationException extends RuntimeException {
  public AuthenticationException(String reason) {
    super(reason, null, false, false);
  }
}
