package dev.braeburn.server.family.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A team's 10-character Apple team ID (provisioning.md §1.3: upper-case alphanumerics, the same
 * alphabet as resource ids, e.g. {@code X8NNQ9CYL2}): the App ID prefix ({@code seedId}) of the bundle
 * IDs the team creates (§5.1).
 */
final class TeamIds {
  private static final int LENGTH = 10;

  private TeamIds() {}

  /**
   * Derived from the issuer ID until teams carry their own team ID: stable across restarts and
   * instances, distinct per team in practice.
   * TODO(issue 14): read the team ID from the teams table's {@code team_id} column once it lands.
   */
  static String of(String issuerId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(issuerId.getBytes(StandardCharsets.UTF_8));
      String base36 = new BigInteger(1, hash).toString(36).toUpperCase(Locale.ROOT);
      return base36.substring(base36.length() - LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
