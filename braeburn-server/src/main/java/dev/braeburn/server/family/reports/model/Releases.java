package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Which versions are in use on a day: the app's own releases (one every few weeks, adopted over
 * days) and the operating systems (Apple's yearly September releases — iOS 17 in 2023, 18 in 2024,
 * then year-based 26 from 2025 — with point releases about every six weeks).
 */
final class Releases {
  /** A version with its share of the devices on a day. */
  record Share(String name, double weight) {}

  private final long launchAge;
  private final int interval;

  Releases(Demand demand, LocalDate date) {
    this.launchAge = demand.age(date);
    this.interval = 35 + (int) Math.floorMod(demand.appSeed(), 28L);
  }

  /** Days since the newest app version came out. */
  long daysSinceRelease() {
    return Math.floorMod(launchAge, (long) interval);
  }

  String newestAppVersion() {
    return appVersion(launchAge / interval);
  }

  /** The app versions devices run: the newest dominant once adopted, up to two older ones. */
  List<Share> appVersions() {
    long index = launchAge / interval;
    // Most devices take a release within a week or two; about one in ten lags behind for months.
    double newest = 0.9 - 0.75 * Math.exp(-daysSinceRelease() / 6.0);
    List<Share> out = new ArrayList<>();
    out.add(new Share(appVersion(index), index == 0 ? 1 : newest));
    if (index >= 1) {
      out.add(new Share(appVersion(index - 1), (1 - newest) * (index >= 2 ? 0.85 : 1)));
    }
    if (index >= 2) {
      out.add(new Share(appVersion(index - 2), (1 - newest) * 0.15));
    }
    return out;
  }

  /** Share of the installed base updating on this day (most right after a release). */
  double updateRate() {
    return 0.004 + 0.06 * Math.exp(-daysSinceRelease() / 2.5);
  }

  private static String appVersion(long index) {
    long major = 1 + index / 6;
    long minor = index % 6;
    return major + "." + minor + (index % 3 == 2 ? ".1" : "");
  }

  /**
   * Operating system versions on a device kind: the current major's newest point release, its
   * previous one and the last major's final release. iPads report "iOS x.y" too
   * (reports-webhooks.md §1.5); Macs report "macOS x.y".
   */
  static List<Share> platformVersions(String device, LocalDate date) {
    int year = date.getYear() - (date.isBefore(LocalDate.of(date.getYear(), 9, 15)) ? 1 : 0);
    long sinceRelease = ChronoUnit.DAYS.between(LocalDate.of(year, 9, 15), date);
    int point = (int) Math.min(7, sinceRelease / 45);
    boolean mac = device.equals("Desktop");
    String os = mac ? "macOS " : device.equals("Apple TV") ? "tvOS " : device.equals("Apple Vision") ? "visionOS " : "iOS ";
    int major = majorOf(year, mac);
    int previous = majorOf(year - 1, mac);
    List<Share> out = new ArrayList<>();
    out.add(new Share(os + major + "." + point, 0.55));
    out.add(new Share(os + (point == 0 ? previous + ".7" : major + "." + (point - 1)), 0.2));
    out.add(new Share(os + previous + (point == 0 ? ".6" : ".7"), 0.25));
    return out;
  }

  /** Major version released in September of {@code year}; from 2025 Apple numbers them after the next year. */
  private static int majorOf(int year, boolean mac) {
    if (year >= 2025) {
      return year + 1 - 2000;
    }
    return mac ? year - 2009 : year - 2006;
  }
}
