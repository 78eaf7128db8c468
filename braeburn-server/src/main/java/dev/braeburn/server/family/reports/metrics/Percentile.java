package dev.braeburn.server.family.reports.metrics;

/** The percentiles of a metric's datasets ({@code filterCriteria.percentile}; the strings are inferred). */
enum Percentile {
  FIFTY("percentile.fifty"),
  NINETY("percentile.ninety");

  final String label;

  Percentile(String label) {
    this.label = label;
  }
}
