package dev.braeburn.server.family.reports;

import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.analytics.AnalyticsReports;
import dev.braeburn.server.family.reports.model.UsageModels;
import dev.braeburn.server.family.reports.sales.SalesReports;
import dev.braeburn.server.http.RequestHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Reports (docs/reports.md): one seeded usage and sales model per app ({@link UsageModels}) from
 * which the Analytics Reports API, Sales and Trends and Finance reports are all derived, so their
 * totals agree with each other and with the metrics summary that plays the dashboard.
 */
public final class ReportsFamily implements Family {
  private final Map<String, RequestHandler> adminRoutes = new HashMap<>();

  @Override
  public void install(FamilyContext context) {
    UsageModels model = new UsageModels(context.services());
    AnalyticsReports analytics = new AnalyticsReports(context, model);
    SalesReports sales = new SalesReports(context, model);
    analytics.install();
    sales.install();
    dev.braeburn.server.family.reports.metrics.PerfMetricsHandlers.install(context, model);
    adminRoutes.putAll(model.adminRoutes());
    adminRoutes.putAll(analytics.adminRoutes());
  }

  @Override
  public Map<String, RequestHandler> adminRoutes() {
    return Map.copyOf(adminRoutes);
  }
}
