package dev.braeburn.server.auth;

/**
 * A rejected token. The wire answer is always Apple's one 401 body; {@link #getMessage()} is the
 * precise reason, for Braeburn's diagnosis side channel.
 */
public final class AuthenticationException extends RuntimeException {
  private final String claimedKeyId;

  public AuthenticationException(String reason) {
    this(reason, null);
  }

  /** {@code claimedKeyId}: the token's {@code kid}, when readable — so the journal can file the 401 under that key. */
  public AuthenticationException(String reason, String claimedKeyId) {
    super(reason, null, false, false);
    this.claimedKeyId = claimedKeyId;
  }

  public String claimedKeyId() {
    return claimedKeyId;
  }
}
