package dev.braeburn.server.store;

import java.time.Instant;
import java.util.List;

/**
 * An App Store Connect API key: key ID, owning team, roles (one for a team key; the user's roles
 * for an individual key), TEAM or INDIVIDUAL, and the public half (base64 X.509) that verifies its
 * tokens. The private half is handed out once and not kept, as at Apple. {@code hourlyLimit}
 * overrides the server's request limit for this key (null: the server's; 0: unlimited).
 */
public record ApiKey(
    String keyId,
    String issuerId,
    String name,
    List<String> roles,
    String keyType,
    String publicKey,
    Instant createdAt,
    Instant revokedAt,
    Integer hourlyLimit) {

  public static final String TEAM = "TEAM";
  public static final String INDIVIDUAL = "INDIVIDUAL";
  /** An In-App Purchase key: signs App Store Server API tokens only, has no roles (server-api.md §2.1). */
  public static final String IN_APP_PURCHASE = "IN_APP_PURCHASE";
  /**
   * A Sign in with Apple key: signs client secrets for appleid.apple.com ({@code /auth/token},
   * {@code /auth/usermigrationinfo}), has no roles; Apple's download is {@code AuthKey_<KEYID>.p8}
   * like an App Store Connect key (server-api.md §5).
   */
  public static final String SIGN_IN_WITH_APPLE = "SIGN_IN_WITH_APPLE";
  /** Every key type, as {@code POST /_braeburn/keys} takes it. */
  public static final List<String> TYPES = List.of(TEAM, INDIVIDUAL, IN_APP_PURCHASE, SIGN_IN_WITH_APPLE);

  public ApiKey {
    roles = roles.stream().filter(r -> !r.isEmpty()).toList(); // In-App Purchase and Sign in with Apple keys are stored with role ""
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean individual() {
    return INDIVIDUAL.equals(keyType);
  }

  public boolean inAppPurchase() {
    return IN_APP_PURCHASE.equals(keyType);
  }

  /** Whether keys of {@code keyType} have no roles: they reach another API than App Store Connect, for every app of their team. */
  public static boolean roleless(String keyType) {
    return IN_APP_PURCHASE.equals(keyType) || SIGN_IN_WITH_APPLE.equals(keyType);
  }

  /** The name of Apple's download of the private key: SubscriptionKey_ for In-App Purchase keys, else AuthKey_ (server-api.md §2.1, §5). */
  public String fileName() {
    return (inAppPurchase() ? "SubscriptionKey_" : "AuthKey_") + keyId + ".p8";
  }

  /** What the key is and what its tokens are for, for diagnoses of a key used on the wrong API. */
  public String describe() {
    return switch (keyType) {
      case IN_APP_PURCHASE -> "an In-App Purchase key (" + fileName() + "): it signs App Store Server API tokens (api.storekit.apple.com, with a bid claim)";
      case SIGN_IN_WITH_APPLE -> "a Sign in with Apple key (" + fileName() + "): it signs client secrets for appleid.apple.com/auth/…"
          + " (aud https://appleid.apple.com, iss the Team ID)";
      default -> "an App Store Connect API " + keyType.toLowerCase(java.util.Locale.ROOT) + " key (" + fileName() + "): it signs App Store Connect API tokens";
    };
  }
}
