package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code insights} of an xcodeMetrics document, found in the 50th-percentile series (the whole
 * series for terminations): for each metric, the device populations whose latest version is
 * worse than the average of up to three versions before it.
 *
 * <ul>
 *   <li>{@code regressions}: the latest version is at least {@value #REGRESSION} % above that
 *       reference average;
 *   <li>{@code trendingUp}: not a regression, but each of the last three versions is above the one
 *       before.
 * </ul>
 *
 * {@code highImpact} is a rise of {@value #HIGH_IMPACT} % or more. Apple does not document its
 * thresholds; these are inferred, and the summary sentences are Braeburn's own.
 */
final class MetricInsights {
  static final double REGRESSION = 15;
  static final double HIGH_IMPACT = 30;
  private static final int REFERENCES = 3;

  private MetricInsights() {}

  private record Population(MetricSeries.Dataset dataset, List<MetricSeries.Point> references, double referenceAverage,
      MetricSeries.Point latest, double delta) {}

  /** Writes {@code trendingUp} and {@code regressions} into {@code insights}; {@code version} keeps only that latest version's. */
  static void write(MetricSeries series, String version, ObjectNode insights) {
    ArrayNode trendingUp = insights.putArray("trendingUp");
    ArrayNode regressions = insights.putArray("regressions");
    series.byMetric().forEach((metric, datasets) -> {
      List<Population> rising = new ArrayList<>();
      List<Population> regressed = new ArrayList<>();
      for (MetricSeries.Dataset ds : datasets) {
        if (ds.percentile() == Percentile.NINETY) {
          continue;
        }
        Population p = population(ds);
        if (p == null || (version != null && !p.latest().version().equals(version))) {
          continue;
        }
        if (p.delta() >= REGRESSION) {
          regressed.add(p);
        } else if (risingThreeTimes(ds.points())) {
          rising.add(p);
        }
      }
      if (!regressed.isEmpty()) {
        insight(metric, regressed, "regressed", regressions.addObject());
      }
      if (!rising.isEmpty()) {
        insight(metric, rising, "has risen with each version", trendingUp.addObject());
      }
    });
  }

  private static Population population(MetricSeries.Dataset ds) {
    List<MetricSeries.Point> points = ds.points();
    if (points.size() < 2) {
      return null;
    }
    MetricSeries.Point latest = points.getLast();
    List<MetricSeries.Point> refs = points.subList(Math.max(0, points.size() - 1 - REFERENCES), points.size() - 1);
    double avg = refs.stream().mapToDouble(MetricSeries.Point::value).average().orElse(0);
    if (avg <= 0) {
      return null;
    }
    double delta = MetricValues.round((latest.value() - avg) / avg * 100, 1);
    return new Population(ds, refs, MetricValues.round(avg, ds.metric().decimals() + 1), latest, delta);
  }

  private static boolean risingThreeTimes(List<MetricSeries.Point> points) {
    int n = points.size();
    return n >= 3 && points.get(n - 3).value() < points.get(n - 2).value() && points.get(n - 2).value() < points.get(n - 1).value();
  }

  private static void insight(MetricDefinition metric, List<Population> populations, String what, ObjectNode out) {
    Population first = populations.getFirst();
    String latest = first.latest().version();
    out.put("metricCategory", metric.category());
    out.put("latestVersion", latest);
    out.put("metric", metric.identifier());
    out.put("summaryString", String.format(Locale.ROOT, "%s %s in %s", metric.identifier(), what, latest));
    out.put("referenceVersions", String.join(", ", first.references().stream().map(MetricSeries.Point::version).toList()));
    out.put("maxLatestVersionValue", populations.stream().mapToDouble(p -> p.latest().value()).max().orElse(0));
    if (metric.subSystem() != null) {
      out.put("subSystemLabel", metric.subSystem());
    }
    out.put("highImpact", populations.stream().anyMatch(p -> p.delta() >= HIGH_IMPACT));
    ArrayNode list = out.putArray("populations");
    for (Population p : populations) {
      ObjectNode pop = list.addObject();
      pop.put("deltaPercentage", p.delta());
      if (p.dataset().percentile() != null) {
        pop.put("percentile", p.dataset().percentile().label);
      }
      pop.put("summaryString", String.format(Locale.ROOT, "%+.1f%% on %s", p.delta(), p.dataset().device().marketingName));
      pop.put("referenceAverageValue", p.referenceAverage());
      pop.put("latestVersionValue", p.latest().value());
      pop.put("device", p.dataset().device().id);
    }
  }
}
