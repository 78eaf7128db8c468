package dev.braeburn.server.family.reports.analytics;

/**
 * Receives a report's facts for one day: the values of every dimension column the Detailed level
 * has (in {@link ReportKind#dimensions()} order) and the measures (in {@link ReportKind#measures()}
 * order; money in cents). Equal dimensions are summed by the receiver.
 */
@FunctionalInterface
interface FactSink {
  void add(String[] dimensions, long[] measures);
}
