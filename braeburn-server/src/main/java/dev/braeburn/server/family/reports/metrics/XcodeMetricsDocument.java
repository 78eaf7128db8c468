package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.reports.model.ModelApp;
import java.util.List;
import java.util.Locale;

/**
 * Apple's {@code xcodeMetrics} document ({@code application/vnd.apple.xcode-metrics+json}) for an
 * app, or for one build's version: {@code productData} for the iOS platform with one entry per
 * metric category, each metric with its unit, goal bands and a dataset per device class and
 * percentile whose points are the versions; {@code insights} with regressions and rising trends.
 * Only properties of the spec's schema are written.
 */
final class XcodeMetricsDocument {
  /** The document format's version (inferred). */
  static final String FORMAT_VERSION = "1.0";
  /** The platform's name in {@code productData} (inferred; the filter value is IOS as well). */
  static final String PLATFORM = "IOS";

  private XcodeMetricsDocument() {}

  /** {@code version}: null for the app's document, else the one version a build's document covers. */
  static ObjectNode write(ObjectMapper mapper, ModelApp app, MetricSeries series, String version) {
    ObjectNode doc = mapper.createObjectNode();
    doc.put("version", FORMAT_VERSION);
    MetricInsights.write(series, version, doc.putObject("insights"));
    ArrayNode products = doc.putArray("productData");
    ArrayNode categories = mapper.createArrayNode();
    String category = null;
    ArrayNode metrics = null;
    for (var entry : series.byMetric().entrySet()) {
      MetricDefinition m = entry.getKey();
      List<MetricSeries.Dataset> datasets = entry.getValue().stream()
          .map(ds -> version == null ? ds : new MetricSeries.Dataset(ds.metric(), ds.device(), ds.percentile(),
              ds.points().stream().filter(p -> p.version().equals(version)).toList()))
          .filter(ds -> !ds.points().isEmpty())
          .toList();
      if (datasets.isEmpty()) {
        continue;
      }
      if (!m.category().equals(category)) {
        category = m.category();
        ObjectNode c = categories.addObject();
        c.put("identifier", category);
        metrics = c.putArray("metrics");
      }
      metric(app, m, datasets, metrics.addObject());
    }
    if (!categories.isEmpty()) {
      ObjectNode product = products.addObject();
      product.put("platform", PLATFORM);
      product.set("metricCategories", categories);
    }
    return doc;
  }

  private static void metric(ModelApp app, MetricDefinition m, List<MetricSeries.Dataset> datasets, ObjectNode out) {
    out.put("identifier", m.identifier());
    ArrayNode goals = out.putArray("goalKeys");
    for (MetricDefinition.Goal g : m.goals()) {
      ObjectNode goal = goals.addObject().put("goalKey", g.key()).put("lowerBound", g.lower());
      if (g.upper() != null) {
        goal.put("upperBound", g.upper());
      }
    }
    out.putObject("unit").put("identifier", m.unit()).put("displayName", m.unit());
    ArrayNode list = out.putArray("datasets");
    for (MetricSeries.Dataset ds : datasets) {
      ObjectNode dataset = list.addObject();
      ObjectNode criteria = dataset.putObject("filterCriteria");
      if (ds.percentile() != null) {
        criteria.put("percentile", ds.percentile().label);
      }
      criteria.put("device", ds.device().id).put("deviceMarketingName", ds.device().marketingName);
      ArrayNode points = dataset.putArray("points");
      for (MetricSeries.Point p : ds.points()) {
        ObjectNode point = points.addObject().put("version", p.version()).put("value", p.value()).put("errorMargin", p.errorMargin());
        if (m.subSystem() != null) {
          point.putObject("percentageBreakdown").put("value", MetricValues.subSystemShare(app, m, p.version()))
              .put("subSystemLabel", m.subSystem());
        }
        String goal = m.goal(p.value());
        if (goal != null) {
          point.put("goal", goal);
        }
      }
      if (!m.goals().isEmpty()) {
        int target = m.goals().getFirst().upper();
        dataset.putObject("recommendedMetricGoal").put("value", target)
            .put("detail", String.format(Locale.ROOT, "at most %d %s", target, m.unit()));
      }
    }
  }
}
