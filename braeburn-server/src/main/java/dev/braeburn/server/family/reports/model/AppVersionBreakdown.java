package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's {@code appVersions} object: per app version the sessions, crashes, active devices
 * and session seconds of the period — the numbers the power and performance metrics and the
 * diagnostic signatures of a version are derived from (docs/perf-metrics.md), so they can be
 * checked against the model.
 */
final class AppVersionBreakdown {
  private static final Measure[] MEASURES = {Measure.SESSIONS, Measure.CRASHES, Measure.ACTIVE_DEVICES, Measure.SESSION_SECONDS};
  private final Map<String, long[]> byVersion = new TreeMap<>();

  void add(AppDay day) {
    for (UsageRow row : day.usage()) {
      long[] t = byVersion.computeIfAbsent(row.audience().appVersion(), k -> new long[MEASURES.length]);
      for (int i = 0; i < MEASURES.length; i++) {
        t[i] += row.get(MEASURES[i]);
      }
    }
  }

  void writeTo(ObjectNode out) {
    byVersion.forEach((version, t) -> {
      ObjectNode v = out.putObject(version);
      for (int i = 0; i < MEASURES.length; i++) {
        v.put(MetricsSummary.key(MEASURES[i]), t[i]);
      }
    });
  }
}
