package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModel;

/**
 * Power and performance metrics and diagnostics (docs/perf-metrics.md), served from the usage
 * model: Xcode Organizer's metrics per app version and device class, and diagnostic signatures
 * with their logs per build. Replaces the engine's "no report" answer for the two
 * {@code perfPowerMetrics} downloads and the logs download, and makes the signatures lists real.
 */
public final class PerfMetricsHandlers {
  private PerfMetricsHandlers() {}

  public static void install(FamilyContext context, UsageModel model) {
    PerfPowerMetrics metrics = new PerfPowerMetrics(context.services(), model);
    DiagnosticSignatures signatures = new DiagnosticSignatures(context.services(), model);
    DiagnosticLogs logs = new DiagnosticLogs(context.services(), model);
    context.handlers()
        .register("apps_perfPowerMetrics_getToManyRelated", metrics::app)
        .register("builds_perfPowerMetrics_getToManyRelated", metrics::build)
        .register("builds_diagnosticSignatures_getToManyRelated", signatures::related)
        .register("builds_diagnosticSignatures_getToManyRelationship", signatures::relationship)
        .register("diagnosticSignatures_logs_getToManyRelated", logs::logs);
  }
}
