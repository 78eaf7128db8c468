package dev.braeburn.server.family.storekit.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers in Apple's shapes (server-api.md §5, F:797012): a team-scoped user {@code sub} like
 * {@code 001315.1535dbadc15b472987acdf634719a06a.0600}, an access token like
 * {@code a56a88…0.rzvs.96uU…}, a private relay address. Inferred: the digit groups' meaning is
 * unknown (random here), and a {@code transfer_sub} is given the {@code sub} shape.
 */
final class SignInIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

  private SignInIds() {}

  static String sub() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return shaped(bytes);
  }

  /** The transfer identifier of {@code sub} for the team {@code targetTeamId}: stable, one per user and target team (§5 Stability). */
  static String transferSub(String sub, String targetTeamId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("transfer:" + sub + ":" + targetTeamId).getBytes(StandardCharsets.UTF_8));
      return shaped(java.util.Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String accessToken() {
    byte[] head = new byte[16];
    byte[] tail = new byte[16];
    RANDOM.nextBytes(head);
    RANDOM.nextBytes(tail);
    return HexFormat.of().formatHex(head) + ".0." + text(4) + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(tail);
  }

  /** A Hide My Email address; relay addresses are per team, so a migrated user gets a new one. */
  static String relayEmail() {
    return text(10) + "@privaterelay.appleid.com";
  }

  private static String shaped(byte[] sixteen) {
    int head = Math.floorMod(sixteen[0] * 256 + sixteen[1], 1_000_000);
    int tail = Math.floorMod(sixteen[2] * 256 + sixteen[3], 10_000);
    return String.format("%06d.%s.%04d", head, HexFormat.of().formatHex(sixteen), tail);
  }

  private static String text(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(LOWER.charAt(RANDOM.nextInt(LOWER.length())));
    }
    return out.toString();
  }
}
