package dev.braeburn.server.family.reports.sales;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Numbers derived from a text by SHA-256: the same text gives the same number on every server, forever. */
final class StableNumbers {
  private StableNumbers() {}

  /** A number of exactly {@code digits} digits (not starting with 0) that stands for {@code seed}. */
  static String of(String seed, int digits, long firstDigit) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (hash[i] & 0xff);
      }
      long range = 1;
      for (int i = 1; i < digits; i++) {
        range *= 10;
      }
      return Long.toString(firstDigit * range + Math.floorMod(value, range));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
