package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModel;

/** {@code GET /v1/salesReports} and {@code GET /v1/financeReports} (reports-webhooks.md §2–3). (Being written.) */
public final class SalesReports {
  private final FamilyContext context;
  private final UsageModel model;

  public SalesReports(FamilyContext context, UsageModel model) {
    this.context = context;
    this.model = model;
  }

  public void install() {}
}
