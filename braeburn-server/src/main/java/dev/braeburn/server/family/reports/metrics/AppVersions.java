package dev.braeburn.server.family.reports.metrics;

import java.util.Comparator;

/** App version strings ("1.2", "1.2.1", "2.0") in release order: numeric parts compared one by one. */
final class AppVersions {
  static final Comparator<String> ORDER = AppVersions::compare;

  private AppVersions() {}

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Long.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  private static long part(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    try {
      return Long.parseLong(parts[i]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
