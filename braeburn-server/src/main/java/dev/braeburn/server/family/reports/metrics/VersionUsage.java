package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.family.reports.model.UsageRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage model's numbers of a {@link MetricsWindow}, per app version and device: sessions,
 * crashes, active devices (device-days) and session seconds, summed over the days' usage rows — the
 * same rows the metrics summary's {@code appVersions} sums, so the two agree exactly. Also the
 * sessions per device and OS version, from which diagnostic logs draw their devices.
 */
final class VersionUsage {
  /** Sums of one version (on one device, or all). */
  record Counts(long sessions, long crashes, long activeDevices, long sessionSeconds) {}

  private final Map<String, Map<String, long[]>> byVersion = new TreeMap<>(AppVersions.ORDER);
  private final Map<String, Map<String, Long>> platforms = new TreeMap<>(AppVersions.ORDER);

  static VersionUsage of(UsageModel model, ModelApp app, MetricsWindow window) {
    VersionUsage usage = new VersionUsage();
    for (var d = window.from(); !d.isAfter(window.to()); d = d.plusDays(1)) {
      usage.add(model.day(app, d));
    }
    return usage;
  }

  private void add(AppDay day) {
    for (UsageRow row : day.usage()) {
      String version = row.audience().appVersion();
      long[] c = byVersion.computeIfAbsent(version, k -> new TreeMap<>()).computeIfAbsent(row.audience().device(), k -> new long[4]);
      c[0] += row.get(Measure.SESSIONS);
      c[1] += row.get(Measure.CRASHES);
      c[2] += row.get(Measure.ACTIVE_DEVICES);
      c[3] += row.get(Measure.SESSION_SECONDS);
      platforms.computeIfAbsent(version, k -> new TreeMap<>())
          .merge(row.audience().device() + "\t" + row.audience().platformVersion(), row.get(Measure.SESSIONS), Long::sum);
    }
  }

  /** Versions with sessions in the window, oldest first. */
  List<String> versions() {
    List<String> out = new ArrayList<>();
    byVersion.forEach((v, devices) -> {
      if (counts(v).sessions() > 0) {
        out.add(v);
      }
    });
    return out;
  }

  Counts counts(String version) {
    long[] sum = new long[4];
    byVersion.getOrDefault(version, Map.of()).values().forEach(c -> {
      for (int i = 0; i < 4; i++) {
        sum[i] += c[i];
      }
    });
    return new Counts(sum[0], sum[1], sum[2], sum[3]);
  }

  Counts counts(String version, DeviceClass device) {
    long[] c = byVersion.getOrDefault(version, Map.of()).getOrDefault(device.modelDevice, new long[4]);
    return new Counts(c[0], c[1], c[2], c[3]);
  }

  /** Sessions of a version by "device TAB OS version" (e.g. "iPhone\tiOS 18.1"), in key order. */
  Map<String, Long> platformSessions(String version) {
    return platforms.getOrDefault(version, Map.of());
  }
}
