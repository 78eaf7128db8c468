package dev.braeburn.server.family.release;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * App Store version strings: CFBundleShortVersionString's form, one to three period-separated
 * non-negative integers (review-pipeline.md §5.1, StoreKit {@code appVersion}), compared number by
 * number with missing parts as zero, so "1.2" and "1.2.0" are the same version (as the App Store
 * treats them, inferred).
 */
final class VersionStrings {
  private static final Pattern FORM = Pattern.compile("\\d{1,18}(\\.\\d{1,18}){0,2}");

  /** Orders well-formed version strings; malformed ones sort first. */
  static final Comparator<String> ORDER = (a, b) -> compare(parts(a), parts(b));

  private VersionStrings() {}

  static boolean wellFormed(String versionString) {
    return versionString != null && FORM.matcher(versionString).matches();
  }

  static boolean same(String a, String b) {
    return wellFormed(a) && wellFormed(b) ? ORDER.compare(a, b) == 0 : a != null && a.equals(b);
  }

  private static List<BigInteger> parts(String versionString) {
    List<BigInteger> out = new ArrayList<>();
    if (wellFormed(versionString)) {
      for (String part : versionString.split("\\.")) {
        out.add(new BigInteger(part));
      }
    }
    return out;
  }

  private static int compare(List<BigInteger> a, List<BigInteger> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(!a.isEmpty(), !b.isEmpty());
    }
    for (int i = 0; i < 3; i++) {
      int c = part(a, i).compareTo(part(b, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static BigInteger part(List<BigInteger> parts, int i) {
    return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
  }
}
