package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.family.reports.model.ModelApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of the requested metrics per device class and percentile, one point per app version
 * (oldest first) that had sessions on that device in the window. The document and its insights are
 * both written from these series.
 */
final class MetricSeries {
  record Point(String version, double value, double errorMargin) {}

  /** One dataset: a metric on a device at a percentile (null for metrics without percentiles). */
  record Dataset(MetricDefinition metric, DeviceClass device, Percentile percentile, List<Point> points) {}

  /** No series at all: the document of a build without app or version. */
  static final MetricSeries NONE = new MetricSeries();

  private final Map<MetricDefinition, List<Dataset>> byMetric = new LinkedHashMap<>();

  static MetricSeries of(ModelApp app, VersionUsage usage, Set<String> categories, Set<DeviceClass> devices) {
    MetricSeries series = new MetricSeries();
    for (MetricDefinition m : MetricDefinition.ALL) {
      if (!categories.contains(m.category())) {
        continue;
      }
      List<Dataset> datasets = new ArrayList<>();
      for (DeviceClass d : DeviceClass.values()) {
        if (!devices.contains(d)) {
          continue;
        }
        for (Percentile p : m.percentiles() ? List.of(Percentile.values()) : java.util.Collections.<Percentile>singletonList(null)) {
          List<Point> points = new ArrayList<>();
          for (String version : usage.versions()) {
            VersionUsage.Counts counts = usage.counts(version, d);
            if (counts.sessions() == 0) {
              continue;
            }
            double value = MetricValues.value(app, m, version, d, p, counts);
            points.add(new Point(version, value, MetricValues.errorMargin(m, value, counts)));
          }
          if (!points.isEmpty()) {
            datasets.add(new Dataset(m, d, p, points));
          }
        }
      }
      if (!datasets.isEmpty()) {
        series.byMetric.put(m, datasets);
      }
    }
    return series;
  }

  Map<MetricDefinition, List<Dataset>> byMetric() {
    return byMetric;
  }
}
