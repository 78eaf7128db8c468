package dev.braeburn.server.store;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * A tenant: what App Store Connect calls a team (a provider), identified by its issuer ID. {@code
 * agreementsMissing} plays the Account Holder not having accepted the current Program License
 * Agreement, which at Apple blocks every request of the team (protocol.md §2.2). {@code teamId} is
 * the developer-program team ID (ten upper-case letters and digits, like Apple's {@code 9ABCDE1234}):
 * the OU of the team's certificates, its profiles' TeamIdentifier and bundle seed IDs
 * (provisioning.md §3.3, §4.4). It never changes. {@code programMembership} plays the team's Apple Developer
 * Program membership: anything but ACTIVE refuses the provisioning resources (provisioning.md §8).
 */
public record Team(String issuerId, String name, Instant createdAt, boolean agreementsMissing, String teamId, String programMembership) {
  /** {@code programMembership}: the developer program serves the team (provisioning.md §8). */
  public static final String ACTIVE = "ACTIVE";
  /** The values of {@code programMembership}: ACTIVE, EXPIRED (lapsed), NONE (no program team behind the provider). */
  public static final java.util.List<String> MEMBERSHIPS = java.util.List.of(ACTIVE, "EXPIRED", "NONE");

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh team ID: ten random upper-case letters and digits. */
  public static String newTeamId() {
    StringBuilder out = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** Whether {@code text} has a team ID's shape. */
  public static boolean isTeamId(String text) {
    return text != null && text.matches("[A-Z0-9]{10}");
  }
}
