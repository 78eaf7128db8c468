package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.reports.simulated.SimulatedDays;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import java.time.Clock;
import java.time.Instant;

/** The two download handlers: the request's filters, the calendar on the virtual clock, then the file. */
final class ReportDownloads {
  private final Clock clock;
  private final VendorCatalog catalog;
  private final Vendor.Days days;
  private final Vendor.PreOrders preOrders;
  private final Store store;

  ReportDownloads(Clock clock, VendorCatalog catalog, Vendor.Days days, Vendor.PreOrders preOrders, Store store) {
    this.store = store;
    this.clock = clock;
    this.catalog = catalog;
    this.days = days;
    this.preOrders = preOrders;
  }

  /**
   * {@code GET /v1/salesReports} (reports-webhooks.md §2): validate the filters, find the period
   * (the latest published one when no date is given), refuse it while unpublished (404 "Report is
   * not available yet.") or past retention (410), then write the file from the usage model — 404
   * "There were no sales for the date specified." when it has no rows.
   */
  ApiResponse sales(OperationContext ctx) {
    Instant now = clock.instant();
    SalesRequest request = SalesRequest.parse(ctx.query(), ctx.teamId());
    ReportPeriod period = request.period() != null ? request.period() : Publication.latest(request.frequency(), now);
    if (!Publication.published(period, now)) {
      throw new ApiException(ReportErrors.notAvailableYet(Publication.publishedAt(period)));
    }
    if (Publication.gone(period, now)) {
      throw new ApiException(ReportErrors.noLongerAvailable());
    }
    SalesFile file = salesFile(request);
    if (file == null) {
      throw new ApiException(ReportErrors.noSales());
    }
    Vendor vendor = catalog.load(ctx.teamId());
    return download(file.fileName(vendor, period), file.write(vendor, period, withSimulated(ctx.teamId(), vendor)));
  }

  /**
   * {@code GET /v1/financeReports} (reports-webhooks.md §3). Apple answers 404 "There were no
   * sales for the date specified." alike for a month without earnings, the current month and
   * future months (§3 [obs]), so a month not yet published, one past its ten years and one with
   * nothing settled all get that answer.
   */
  ApiResponse finance(OperationContext ctx) {
    Instant now = clock.instant();
    FinanceRequest request = FinanceRequest.parse(ctx.query(), ctx.teamId());
    FiscalMonth month = request.month();
    if (now.isBefore(month.publishedAt()) || !month.keptOn(PacificTime.today(now))) {
      throw new ApiException(ReportErrors.noSales());
    }
    Vendor vendor = catalog.load(ctx.teamId());
    Vendor.Days days = withSimulated(ctx.teamId(), vendor);
    TsvTable table = request.detail()
        ? FinanceDetailFile.write(vendor, month, days)
        : FinancialFile.write(vendor, month, request.region(), days);
    return download(vendor.number() + "_" + month.fileDate() + "_" + request.region() + ".txt.gz", table);
  }

  /**
   * The file of a report type the usage model has data for; null for the others (Newsstand, offer
   * codes, win-back eligibility, installs, first annual), which always have "no sales" — the model
   * sells none of those (docs/sales-finance-reports.md).
   */
  private SalesFile salesFile(SalesRequest request) {
    return switch (request.kind().type()) {
      case "SALES" -> new SalesSummaryFile();
      case "PRE_ORDER" -> new PreOrderFile(preOrders);
      case "SUBSCRIPTION" -> new SubscriptionFile(request.version());
      case "SUBSCRIPTION_EVENT" -> new SubscriptionEventFile();
      case "SUBSCRIBER" -> new SubscriberFile();
      default -> null;
    };
  }

  /**
   * The model's days of the vendor's apps with what the purchase simulator sold in Production laid
   * over them (docs/purchases.md "Reports"), the store read once for the request.
   */
  private Vendor.Days withSimulated(String teamId, Vendor vendor) {
    SimulatedDays simulated = store.read(teamId, tx -> SimulatedDays.read(tx, vendor.apps().stream().map(a -> a.model().appId()).toList()));
    return (app, date) -> simulated.over(days.day(app, date));
  }

  private static ApiResponse download(String fileName, TsvTable table) {
    if (table.isEmpty()) {
      throw new ApiException(ReportErrors.noSales());
    }
    return ReportDownload.of(fileName, table);
  }
}
