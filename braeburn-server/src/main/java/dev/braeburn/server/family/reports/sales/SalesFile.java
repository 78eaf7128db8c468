package dev.braeburn.server.family.reports.sales;

/** One kind of Sales and Trends file, written from the usage model's days. */
interface SalesFile {
  /** The file of {@code period} for every app of {@code vendor}; no rows when nothing happened. */
  TsvTable write(Vendor vendor, ReportPeriod period, Vendor.Days days);

  /** The download's file name, as App Store Connect names the file in its UI (reports-webhooks.md §2.3). */
  String fileName(Vendor vendor, ReportPeriod period);
}
