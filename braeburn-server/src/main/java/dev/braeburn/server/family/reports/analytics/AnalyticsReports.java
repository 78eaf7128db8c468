package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.RequestHandler;
import java.util.Map;

/**
 * The Analytics Reports API (reports-webhooks.md §1, docs/analytics-reports.md): report requests
 * with Apple's rules, the catalogue of reports, instances made on the virtual clock from the usage
 * model (daily processing of ONGOING requests, a batched backfill for snapshots, revisions,
 * 35-day retention, inactivity), segments with signed download URLs served under {@value
 * SegmentUrls#PREFIX}, and per-team data-quality scenarios. Requests, reports, instances and
 * segments are ordinary resources, so the generic reads serve their lists, filters and includes.
 */
public final class AnalyticsReports {
  private final FamilyContext context;
  private final UsageModel model;
  private final AppDays days;
  private final RowCache rows = new RowCache();

  public AnalyticsReports(FamilyContext context, UsageModel model) {
    this.context = context;
    this.model = model;
    this.days = new AppDays(model);
  }

  public void install() {
    EngineServices services = context.services();
    Instances instances = new Instances(services, days, rows);
    RequestWrites writes = new RequestWrites(instances);
    SegmentReads reads = new SegmentReads();
    context.handlers()
        .register("analyticsReportRequests_createInstance", writes::create)
        .register("analyticsReportRequests_deleteInstance", writes::delete)
        .register("analyticsReportInstances_getInstance", reads::instance)
        .register("analyticsReportInstances_segments_getToManyRelated", reads::segments)
        .register("analyticsReportSegments_getInstance", reads::segment);
    SnapshotProcessing snapshots = new SnapshotProcessing(services, model, instances);
    context.scheduler()
        .register(AnalyticsTypes.ONGOING_TASK, new OngoingProcessing(services, model, instances))
        .register(AnalyticsTypes.SNAPSHOT_TASK, snapshots)
        .register(AnalyticsTypes.EXPIRY_TASK, new Retention(services.store(), instances));
    context.routes().register(SegmentUrls.PREFIX, new DownloadRoute(services, model, days, rows));
  }

  /** {@code /_braeburn/reports/…}: data-quality scenarios per team. */
  public Map<String, RequestHandler> adminRoutes() {
    return Map.of("reports", new ScenarioAdmin(context.services())::handle);
  }
}
