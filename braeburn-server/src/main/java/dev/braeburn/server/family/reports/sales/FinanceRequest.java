package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.jsonapi.Query;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A valid {@code GET /v1/financeReports} request (reports-webhooks.md §3): FINANCIAL for one
 * finance region or ZZ (all regions in one file), or FINANCE_DETAIL, which exists only for Z1;
 * {@code filter[reportDate]} names an Apple fiscal month.
 */
record FinanceRequest(boolean detail, String region, FiscalMonth month) {
  static final String CONSOLIDATED = "ZZ";
  static final String DETAIL = "Z1";
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  static FinanceRequest parse(Query query, String teamId) {
    ReportFilters filters = new ReportFilters(query);
    filters.requireVendor(teamId);
    String type = filters.one("reportType");
    String region = filters.one("regionCode");
    String date = filters.one("reportDate");
    boolean detail = "FINANCE_DETAIL".equals(type);
    if (region != null && type != null) {
      if (!regions().contains(region)) {
        filters.problem(ReportErrors.notOneOf("filter[regionCode]", "region code", region, "for a finance report", regions()));
      } else if (detail != region.equals(DETAIL)) {
        filters.problem(ReportErrors.notOneOf("filter[regionCode]", "region code", region, "for a " + type + " report",
            detail ? List.of(DETAIL) : financialRegions()));
      }
    }
    FiscalMonth month = date == null ? null : month(date);
    if (date != null && month == null) {
      filters.problem(ReportErrors.reportDate(date, "a finance report takes an Apple fiscal month formatted YYYY-MM"));
    }
    filters.throwIfAny();
    return new FinanceRequest(detail, region, month);
  }

  private static FiscalMonth month(String date) {
    if (!MONTH.matcher(date).matches()) {
      return null;
    }
    try {
      return FiscalMonth.of(YearMonth.parse(date));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The region codes of FINANCIAL reports: every finance region, and ZZ. */
  static List<String> financialRegions() {
    List<String> codes = new ArrayList<>(Pricing.financeRegions());
    codes.add(CONSOLIDATED);
    return codes;
  }

  private static List<String> regions() {
    List<String> codes = financialRegions();
    codes.add(DETAIL);
    return codes;
  }
}
