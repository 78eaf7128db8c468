package dev.braeburn.server.family.reports.metrics;

import java.util.List;

/**
 * One metric of Apple's xcodeMetrics document: its category (the spec's {@code MetricCategory}),
 * identifier and unit, the range its typical value (50th percentile on an iPhone) is drawn from
 * per app, how the 90th percentile and iPads compare, the goal bands ({@code goalKeys}) and, for
 * battery, the subsystem the usage is broken down by. Identifiers, units and bands are inferred
 * from Xcode Organizer's reports; every metric grows worse as its value grows.
 */
record MetricDefinition(
    String category, String identifier, String unit, double low, double high, double p90Factor, double ipadFactor,
    int decimals, List<Goal> goals, String subSystem, boolean percentiles) {

  /** A goal band: values from {@code lower} (inclusive) to {@code upper} (exclusive; none for the last). */
  record Goal(String key, int lower, Integer upper) {
    boolean contains(double value) {
      return value >= lower && (upper == null || value < upper);
    }
  }

  static List<Goal> bands(int good, int fair) {
    return List.of(new Goal("good", 0, good), new Goal("fair", good, fair), new Goal("poor", fair, null));
  }

  /** The band a value falls in, or null when the metric has none. */
  String goal(double value) {
    for (Goal g : goals) {
      if (g.contains(value)) {
        return g.key();
      }
    }
    return null;
  }

  /** The catalogue, in the spec's order of {@code MetricCategory}. */
  static final List<MetricDefinition> ALL = List.of(
      new MetricDefinition("HANG", "hangRate", "s/hr", 0.2, 2.2, 3.2, 0.85, 2, bands(1, 5), null, true),
      new MetricDefinition("LAUNCH", "launchTime", "ms", 350, 950, 2.3, 0.9, 0, bands(400, 1000), null, true),
      new MetricDefinition("MEMORY", "peakMemory", "MB", 140, 420, 1.6, 1.3, 1, bands(200, 400), null, true),
      new MetricDefinition("DISK", "logicalWrites", "MB", 20, 140, 4, 1.1, 1, bands(100, 1000), null, true),
      new MetricDefinition("BATTERY", "onScreenBatteryUsage", "%/hr", 3, 11, 1.7, 0.8, 2, bands(5, 10), "CPU", true),
      new MetricDefinition("TERMINATION", "foregroundTerminations", "/day", 0, 0, 1, 1, 5, List.of(), null, false),
      new MetricDefinition("ANIMATION", "scrollHitchRate", "ms/s", 1, 9, 2.5, 0.9, 2, bands(5, 10), null, true),
      new MetricDefinition("STORAGE", "documentsAndData", "MB", 30, 400, 2.2, 1.2, 1, List.of(), null, true));

  static List<String> categories() {
    return ALL.stream().map(MetricDefinition::category).toList();
  }
}
