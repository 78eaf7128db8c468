package dev.braeburn.server.store;

import java.time.Instant;

/**
 * An App Store Connect API key: key ID, owning team, role, TEAM or INDIVIDUAL, and the public half
 * (base64 X.509) that verifies its tokens. The private half is handed out once and not kept, as at
 * Apple.
 */
public record ApiKey(
    String keyId,
    String issuerId,
    String name,
    String role,
    String keyType,
    String publicKey,
    Instant createdAt,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
