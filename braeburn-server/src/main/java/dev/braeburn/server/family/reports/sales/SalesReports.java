package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.reports.model.UsageModel;

/**
 * {@code GET /v1/salesReports} and {@code GET /v1/financeReports} (reports-webhooks.md §2–3):
 * gzip'd TSV files written on request from the usage model, for the vendor number of the calling
 * team, on the virtual clock's calendar (docs/sales-finance-reports.md).
 */
public final class SalesReports {
  private final FamilyContext context;
  private final UsageModel model;

  public SalesReports(FamilyContext context, UsageModel model) {
    this.context = context;
    this.model = model;
  }

  public void install() {
    ReportDownloads downloads = new ReportDownloads(context.services().clock(),
        new VendorCatalog(context.services(), model), model::day, model::preOrders,
        context.services().store());
    context.handlers()
        .register("salesReports_getCollection", downloads::sales)
        .register("financeReports_getCollection", downloads::finance);
  }
}
