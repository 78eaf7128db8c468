package dev.braeburn.server.family.reports.sales;

import java.math.BigDecimal;
import java.util.List;

/**
 * FINANCE_DETAIL for Z1 (reports-webhooks.md §3): the settled units of every region, per
 * transaction day, each line naming its region and paid in that region's currency. The
 * Settlement Date is the fiscal month's last day (Braeburn's choice; Apple settles per month).
 */
final class FinanceDetailFile {
  static final List<String> COLUMNS = List.of(
      "Transaction Date", "Settlement Date", "Apple Identifier", "SKU", "Title", "Developer Name",
      "Product Type Identifier", "Country of Sale", "Quantity", "Partner Share", "Extended Partner Share",
      "Partner Share Currency", "Customer Price", "Customer Currency", "Sale or Return", "Promo Code", "Order Type",
      "Region");

  private FinanceDetailFile() {}

  static TsvTable write(Vendor vendor, FiscalMonth month, Vendor.Days days) {
    TsvTable table = new TsvTable(COLUMNS);
    SummedRows lines = new SummedRows();
    Settlements.each(vendor, month, days, s -> lines.add(table.row()
        .set("Transaction Date", s.date())
        .set("Settlement Date", month.last())
        .set("Apple Identifier", s.item().appleId())
        .set("SKU", s.item().sku())
        .set("Title", s.item().title())
        .set("Developer Name", vendor.developer())
        .set("Product Type Identifier", s.item().productType())
        .set("Country of Sale", s.item().territory())
        .set("Partner Share", TsvTable.cents(s.share()))
        .set("Partner Share Currency", s.currency())
        .set("Customer Price", TsvTable.amount(s.item().customerPrice()))
        .set("Customer Currency", s.item().customerCurrency())
        .set("Sale or Return", s.salesOrReturn())
        .set("Region", s.region()), s.item().units()));
    lines.write((row, quantity) -> row.set("Quantity", quantity)
        .set("Extended Partner Share", TsvTable.cents(new BigDecimal(row.get("Partner Share")).multiply(BigDecimal.valueOf(quantity)))));
    return table;
  }
}
