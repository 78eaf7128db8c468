package dev.braeburn.server.family.reports.sales;

import java.util.List;

/**
 * SALES / SUMMARY (reports-webhooks.md §2.3): one line per app or product, product type, version,
 * country, device, price and New/Renewal, with its Units; a week, month or year sums its days into
 * the same lines with the period's begin and end dates. Provider and Provider Country are always
 * APPLE and US; the columns the model has nothing for (Promo Code, CMB, Proceeds Reason, Preserved
 * Pricing, Client, Order Type) are empty.
 */
final class SalesSummaryFile implements SalesFile {
  static final List<String> COLUMNS = List.of(
      "Provider", "Provider Country", "SKU", "Developer", "Title", "Version", "Product Type Identifier", "Units",
      "Developer Proceeds", "Begin Date", "End Date", "Customer Currency", "Country Code", "Currency of Proceeds",
      "Apple Identifier", "Customer Price", "Promo Code", "Parent Identifier", "Subscription", "Period", "Category",
      "CMB", "Device", "Supported Platforms", "Proceeds Reason", "Preserved Pricing", "Client", "Order Type");

  @Override
  public TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    SummedRows lines = new SummedRows();
    vendor.eachDay(period.days(), days, (date, app, day) -> {
      for (SaleItem item : SaleItem.of(day)) {
        lines.add(line(table, vendor, app, period, item), item.units());
      }
    });
    lines.write((row, units) -> row.set("Units", units));
    return table;
  }

  private static TsvTable.Row line(TsvTable table, Vendor vendor, Vendor.App app, ReportPeriod period, SaleItem item) {
    return table.row()
        .set("Provider", "APPLE")
        .set("Provider Country", "US")
        .set("SKU", item.sku())
        .set("Developer", vendor.developer())
        .set("Title", item.title())
        .set("Version", item.version())
        .set("Product Type Identifier", item.productType())
        .set("Developer Proceeds", TsvTable.amount(item.proceeds()))
        .set("Begin Date", period.first())
        .set("End Date", period.last())
        .set("Customer Currency", item.customerCurrency())
        .set("Country Code", item.territory())
        .set("Currency of Proceeds", item.proceedsCurrency())
        .set("Apple Identifier", item.appleId())
        .set("Customer Price", TsvTable.amount(item.customerPrice()))
        .set("Parent Identifier", item.parentId())
        .set("Subscription", item.subscription())
        .set("Period", item.period())
        .set("Category", app.category())
        .set("Device", item.device())
        .set("Supported Platforms", ProductTypes.platform(item.device()));
  }

  @Override
  public String fileName(Vendor vendor, ReportPeriod period) {
    return "S_" + period.frequency().letter() + "_" + vendor.number() + "_" + period.frequency().fileDate(period) + ".txt.gz";
  }
}
