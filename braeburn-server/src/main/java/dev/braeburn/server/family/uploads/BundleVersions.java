package dev.braeburn.server.family.uploads;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders CFBundleVersion values as Apple does: period-separated integers compared component by
 * component ("10" after "9", "1.2" before "1.10", "1.0" equal to "1"). A component that is not a
 * number is compared as text, so odd values still have an order.
 */
final class BundleVersions {
  static final Comparator<String> ORDER = BundleVersions::compare;

  private BundleVersions() {}

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = isNumber(p) && isNumber(q) ? new BigInteger(p).compareTo(new BigInteger(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() < 40 && s.chars().allMatch(Character::isDigit);
  }
}
