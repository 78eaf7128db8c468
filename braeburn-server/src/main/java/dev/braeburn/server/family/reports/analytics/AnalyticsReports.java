package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.http.RequestHandler;
import java.util.Map;

/** The Analytics Reports API (reports-webhooks.md §1). (Being written.) */
public final class AnalyticsReports {
  private final FamilyContext context;
  private final UsageModel model;

  public AnalyticsReports(FamilyContext context, UsageModel model) {
    this.context = context;
    this.model = model;
  }

  public void install() {}

  /** {@code /_braeburn/reports/…}: data-quality scenarios per team. */
  public Map<String, RequestHandler> adminRoutes() {
    return Map.of();
  }
}
