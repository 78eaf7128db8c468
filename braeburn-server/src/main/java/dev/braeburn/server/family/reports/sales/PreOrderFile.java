package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.ModelTuning;
import dev.braeburn.server.family.reports.model.PreOrderRow;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PRE_ORDER / SUMMARY (reports-webhooks.md §2.3): one line per app, country and device that has
 * pre-orders in the period. Ordered and Canceled sum the period's days; the cumulative columns are
 * the running totals on the period's last day of pre-orders. Pre-Order Start Date is the tuning's
 * {@code preOrderStart}, Pre-Order End Date its launch date (the day orders turn into downloads).
 * Provider and Provider Country are always APPLE and US; Client is empty, as in the SALES file.
 */
final class PreOrderFile implements SalesFile {
  static final List<String> COLUMNS = List.of(
      "Provider", "Title", "Pre-Order Start Date", "Pre-Order End Date", "Ordered", "Canceled", "Cumulative Ordered",
      "Cumulative Canceled", "Start Date", "End Date", "Country Code", "Apple Identifier", "Category", "Device",
      "Supported Platforms", "Client", "Provider Country");

  private final Vendor.PreOrders preOrders;

  PreOrderFile(Vendor.PreOrders preOrders) {
    this.preOrders = preOrders;
  }

  /** One line's counts: sums of the days, running totals of the latest day. */
  private static final class Counts {
    long ordered;
    long canceled;
    long cumulativeOrdered;
    long cumulativeCanceled;

    void add(PreOrderRow day) {
      ordered += day.ordered();
      canceled += day.canceled();
      cumulativeOrdered = day.cumulativeOrdered();
      cumulativeCanceled = day.cumulativeCanceled();
    }
  }

  @Override
  public TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    for (Vendor.App app : vendor.apps()) {
      Map<List<String>, Counts> lines = new LinkedHashMap<>();
      for (LocalDate date : period.days()) {
        for (PreOrderRow row : preOrders.on(app.model(), date)) {
          lines.computeIfAbsent(List.of(row.territory(), row.device()), k -> new Counts()).add(row);
        }
      }
      lines.forEach((key, counts) -> line(table, app, period, key.get(0), key.get(1), counts));
    }
    return table;
  }

  private static void line(TsvTable table, Vendor.App app, ReportPeriod period, String territory, String device, Counts c) {
    ModelTuning tuning = app.model().tuning();
    table.row()
        .set("Provider", "APPLE")
        .set("Title", app.model().name())
        .set("Pre-Order Start Date", tuning.preOrderStart())
        .set("Pre-Order End Date", tuning.launchDate())
        .set("Ordered", c.ordered)
        .set("Canceled", c.canceled)
        .set("Cumulative Ordered", c.cumulativeOrdered)
        .set("Cumulative Canceled", c.cumulativeCanceled)
        .set("Start Date", period.first())
        .set("End Date", period.last())
        .set("Country Code", territory)
        .set("Apple Identifier", app.model().appId())
        .set("Category", app.category())
        .set("Device", device)
        .set("Supported Platforms", ProductTypes.platform(device))
        .set("Provider Country", "US")
        .add();
  }

  /** {@code P_S_D_<vendor>_<yyyymmdd>}: the UI names pre-order files as SALES files with a "P_" in front (§2.3). */
  @Override
  public String fileName(Vendor vendor, ReportPeriod period) {
    return "P_" + new SalesSummaryFile().fileName(vendor, period);
  }
}
