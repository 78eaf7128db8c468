package dev.braeburn.server.family.reports.sales;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FINANCIAL (reports-webhooks.md §3): per fiscal month the settled units of every product by
 * country, price and partner share, for one finance region — its territories only, shares in the
 * region's currency, ending with the Total_Rows / Total_Amount / Total_Units lines — or for ZZ,
 * every region in one file ordered by region code. ZZ has no totals: its amounts are in several
 * currencies (the consolidated file's exact layout is not known, §3 open question 9).
 */
final class FinancialFile {
  static final List<String> COLUMNS = List.of(
      "Start Date", "End Date", "UPC", "ISRC/ISBN", "Vendor Identifier", "Quantity", "Partner Share",
      "Extended Partner Share", "Partner Share Currency", "Sales or Return", "Apple Identifier",
      "Artist/Show/Developer/Author", "Title", "Label/Studio/Network/Developer/Publisher", "Grid",
      "Product Type Identifier", "ISAN/Other Identifier", "Country Of Sale", "Pre-order Flag", "Promo Code",
      "Customer Price", "Customer Currency");

  private FinancialFile() {}

  static TsvTable write(Vendor vendor, FiscalMonth month, String region, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    boolean consolidated = region.equals(FinanceRequest.CONSOLIDATED);
    Map<String, SummedRows> byRegion = new TreeMap<>();
    Settlements.each(vendor, month, days, s -> {
      if (consolidated || s.region().equals(region)) {
        TsvTable.Row row = table.row()
            .set("Start Date", month.first())
            .set("End Date", month.last())
            .set("Vendor Identifier", s.item().sku())
            .set("Partner Share", TsvTable.cents(s.share()))
            .set("Partner Share Currency", s.currency())
            .set("Sales or Return", s.salesOrReturn())
            .set("Apple Identifier", s.item().appleId())
            .set("Artist/Show/Developer/Author", vendor.developer())
            .set("Title", s.item().title())
            .set("Product Type Identifier", s.item().productType())
            .set("Country Of Sale", s.item().territory())
            .set("Customer Price", TsvTable.amount(s.item().customerPrice()))
            .set("Customer Currency", s.item().customerCurrency());
        byRegion.computeIfAbsent(s.region(), r -> new SummedRows()).add(row, s.item().units());
      }
    });
    long[] units = new long[1];
    BigDecimal[] amount = {BigDecimal.ZERO};
    byRegion.values().forEach(lines -> lines.write((row, quantity) -> {
      BigDecimal extended = new BigDecimal(row.get("Partner Share")).multiply(BigDecimal.valueOf(quantity));
      row.set("Quantity", quantity).set("Extended Partner Share", TsvTable.cents(extended));
      units[0] += quantity;
      amount[0] = amount[0].add(extended);
    }));
    if (!consolidated && !table.isEmpty()) {
      table.footer("Total_Rows", Integer.toString(table.size()));
      table.footer("Total_Amount", TsvTable.cents(amount[0]));
      table.footer("Total_Units", Long.toString(units[0]));
    }
    return table;
  }
}
