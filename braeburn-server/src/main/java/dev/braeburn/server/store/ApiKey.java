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

  public ApiKey {
    roles = roles.stream().filter(r -> !r.isEmpty()).toList(); // an In-App Purchase key is stored with role ""
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
}
