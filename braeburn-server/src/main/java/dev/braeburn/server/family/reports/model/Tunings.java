package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Default tuning of an app. Derived from the app id alone, so two servers given the same data
 * model the same app the same way; every default launch date lies before 2024-01-01, the first
 * day Apple's analytics reports can go back to (reports-webhooks.md §1.6).
 */
public final class Tunings {
  static final Map<String, Double> DEVICES = ordered("iPhone", 0.78, "iPad", 0.22);
  static final double WEEKEND_FACTOR = 1.25;
  static final double LAUNCH_SPIKE = 3.0;
  static final double NOISE = 0.08;
  static final double REDOWNLOAD_RATE = 0.2;
  static final double DELETION_RATE = 0.004;
  static final double ACTIVE_RATE = 0.22;
  static final double CRASH_RATE = 0.002;
  static final double IAP_RATE = 0.004;
  static final double SUBSCRIPTION_RATE = 0.04;
  static final double TRIAL_SHARE = 0.5;

  /** A realistic spread of a global app's first-time downloads. */
  static final Map<String, Double> TERRITORIES = ordered(
      "US", 0.34, "GB", 0.07, "DE", 0.07, "JP", 0.07, "CN", 0.06, "FR", 0.05, "IN", 0.05, "CA", 0.04,
      "BR", 0.04, "AU", 0.03, "IT", 0.03, "ES", 0.03, "MX", 0.03, "KR", 0.02, "NL", 0.02, "SE", 0.01,
      "CH", 0.01, "TR", 0.01);

  private static final LocalDate EARLIEST_DEFAULT_LAUNCH = LocalDate.of(2021, 1, 4);

  private Tunings() {}

  public static ModelTuning defaults(String appId) {
    long h = Seeds.of(appId);
    long seed = appId.chars().allMatch(Character::isDigit) && appId.length() < 19 && !appId.isEmpty()
        ? Long.parseLong(appId) : h;
    LocalDate launch = EARLIEST_DEFAULT_LAUNCH.plusDays(Math.floorMod(h, 1000)); // up to 2023-09-30
    int downloads = 240 + (int) Math.floorMod(h >>> 16, 121);
    return new ModelTuning(seed, launch, downloads, TERRITORIES, new BigDecimal("0.00"));
  }

  private static <V> Map<String, V> ordered(Object... pairs) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked") V v = (V) pairs[i + 1];
      out.put((String) pairs[i], v);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static List<String> deviceNames() {
    return List.of("iPhone", "iPad", "Desktop", "Apple TV", "Apple Vision");
  }
}
