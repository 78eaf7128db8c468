package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/financeReports} over real HTTP (docs/sales-finance-reports.md, reports-webhooks.md
 * §3): region and type rules, a region's file agreeing with the daily sales files of its
 * territories over the fiscal month, the consolidated and detail files, the fiscal calendar on
 * the virtual clock, and that only Admin and Finance keys download.
 */
class FinanceReportsAcceptanceTest extends SalesSuite {
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final List<String> FINANCIAL_HEADER = List.of(
      "Start Date", "End Date", "UPC", "ISRC/ISBN", "Vendor Identifier", "Quantity", "Partner Share",
      "Extended Partner Share", "Partner Share Currency", "Sales or Return", "Apple Identifier",
      "Artist/Show/Developer/Author", "Title", "Label/Studio/Network/Developer/Publisher", "Grid",
      "Product Type Identifier", "ISAN/Other Identifier", "Country Of Sale", "Pre-order Flag", "Promo Code",
      "Customer Price", "Customer Currency");

  private TestServer.Download financial(String region, String month) {
    return calls.finance(server.token(), "vendorNumber", vendor, "reportType", "FINANCIAL", "regionCode", region, "reportDate", month);
  }

  /** The newest fiscal month already published: the calendar month of today or one of the three before. */
  private YearMonth latestPublished() {
    YearMonth month = YearMonth.from(calls.pacificToday());
    for (int i = 0; i < 4; i++, month = month.minusMonths(1)) {
      if (financial("ZZ", month.toString()).status() == 200) {
        return month;
      }
    }
    throw new AssertionError("no published fiscal month");
  }

  @Test
  void typesRegionsAndMonthsAreValidated() {
    JsonNode detail = SalesCalls.onlyError(calls.finance(server.token(), "vendorNumber", vendor, "reportType", "FINANCE_DETAIL",
        "regionCode", "US", "reportDate", "2026-01"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(detail.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(detail.at("/source/parameter").asText()).isEqualTo("filter[regionCode]");
    assertThat(detail.path("detail").asText()).endsWith("Expected one of: Z1");
    JsonNode z1 = SalesCalls.onlyError(financial("Z1", "2026-01"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(z1.at("/source/parameter").asText()).isEqualTo("filter[regionCode]");
    JsonNode unknown = SalesCalls.onlyError(financial("XX", "2026-01"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(unknown.path("detail").asText()).contains("'XX'", "US", "EU", "WW", "ZZ");
    JsonNode month = SalesCalls.onlyError(financial("US", "2026-01-01"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(month.at("/source/parameter").asText()).isEqualTo("filter[reportDate]");
    JsonNode wrongVendor = SalesCalls.onlyError(calls.finance(server.token(), "vendorNumber", "80000000", "reportType", "FINANCIAL",
        "regionCode", "US", "reportDate", "2026-01"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(wrongVendor.at("/source/parameter").asText()).isEqualTo("filter[vendorNumber]");
  }

  @Test
  void aRegionsUnitsAndShareAreTheDailySalesOfItsTerritoriesOverTheFiscalMonth() {
    YearMonth name = latestPublished();
    TestServer.Download us = financial("US", name.toString());
    assertThat(ReportFiles.header(us.body())).containsExactlyElementsOf(FINANCIAL_HEADER);
    List<Map<String, String>> all = SalesCalls.rows(us);
    List<Map<String, String>> rows = all.stream().filter(r -> !r.get("Start Date").startsWith("Total_")).toList();
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("Country Of Sale", "US").containsEntry("Partner Share Currency", "USD"));
    LocalDate first = LocalDate.parse(rows.getFirst().get("Start Date"), US_DATE);
    LocalDate last = LocalDate.parse(rows.getFirst().get("End Date"), US_DATE);
    assertThat(first.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(last.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);

    BigDecimal units = BigDecimal.ZERO;
    BigDecimal share = BigDecimal.ZERO;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (Map<String, String> r : SalesCalls.rows(calls.salesSummary("DAILY", day.toString()))) {
        BigDecimal proceeds = new BigDecimal(r.get("Developer Proceeds"));
        if (r.get("Country Code").equals("US") && proceeds.signum() > 0) {
          BigDecimal n = new BigDecimal(r.get("Units"));
          units = units.add(n);
          share = share.add(n.multiply(proceeds));
        }
      }
    }
    BigDecimal quantity = rows.stream().map(r -> new BigDecimal(r.get("Quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal extended = rows.stream().map(r -> new BigDecimal(r.get("Extended Partner Share"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(quantity).isEqualByComparingTo(units);
    assertThat(extended).isEqualByComparingTo(share);

    String text = new String(ReportFiles.gunzip(us.body()), StandardCharsets.UTF_8);
    assertThat(text).endsWith("Total_Rows\t" + rows.size() + "\nTotal_Amount\t" + extended.setScale(2) + "\nTotal_Units\t" + quantity + "\n");
  }

  @Test
  void theConsolidatedAndDetailFilesHoldEveryRegion() {
    YearMonth name = latestPublished();
    List<Map<String, String>> zz = SalesCalls.rows(financial("ZZ", name.toString()));
    TestServer.Download z1 = calls.finance(server.token(), "vendorNumber", vendor, "reportType", "FINANCE_DETAIL", "regionCode", "Z1",
        "reportDate", name.toString());
    List<Map<String, String>> detail = SalesCalls.rows(z1);
    assertThat(ReportFiles.header(z1.body())).hasSize(18).startsWith("Transaction Date", "Settlement Date").endsWith("Region");
    long zzUnits = zz.stream().mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum();
    assertThat(detail.stream().mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum()).isEqualTo(zzUnits);
    long usUnits = SalesCalls.rows(financial("US", name.toString())).stream().filter(r -> !r.get("Start Date").startsWith("Total_"))
        .mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum();
    assertThat(zz.stream().filter(r -> r.get("Country Of Sale").equals("US")).mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum())
        .isEqualTo(usUnits);
  }

  @Test
  void aFiscalMonthAppearsTheFirstFridayAfterItEndsAndSaysNoSalesBefore() {
    YearMonth month = YearMonth.from(calls.pacificToday());
    if (financial("ZZ", month.toString()).status() == 200) {
      month = month.plusMonths(1); // today is past the published end of this month's fiscal month
    }
    SalesCalls.assertNoSales(financial("ZZ", month.toString()));
    LocalDate day = calls.pacificToday();
    for (int i = 0; i < 80; i++, day = day.plusDays(1)) {
      calls.advanceTo(SalesCalls.pacific(day, 8).minusSeconds(1));
      TestServer.Download before = financial("ZZ", month.toString());
      calls.advanceTo(SalesCalls.pacific(day, 8));
      TestServer.Download after = financial("ZZ", month.toString());
      if (after.status() == 200) {
        SalesCalls.assertNoSales(before);
        assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        LocalDate end = LocalDate.parse(SalesCalls.rows(after).getFirst().get("End Date"), US_DATE);
        assertThat(day).isEqualTo(end.plusDays(6));
        return;
      }
      SalesCalls.assertNoSales(after);
    }
    throw new AssertionError("fiscal month " + month + " never appeared");
  }

  @Test
  void onlyAdminAndFinanceKeysDownloadAndATeamWithoutSalesHasNone() {
    YearMonth name = latestPublished();
    for (String role : List.of("ADMIN", "FINANCE")) {
      assertThat(calls.finance(server.createKey(role, null).token(), "vendorNumber", vendor, "reportType", "FINANCIAL",
          "regionCode", "ZZ", "reportDate", name.toString()).status()).as(role).isEqualTo(200);
    }
    for (String role : List.of("SALES", "DEVELOPER")) {
      JsonNode e = SalesCalls.onlyError(calls.finance(server.createKey(role, null).token(), "vendorNumber", vendor, "reportType",
          "FINANCIAL", "regionCode", "ZZ", "reportDate", name.toString()), 403, "id", "status", "code", "title", "detail");
      assertThat(e.path("code").asText()).as(role).isEqualTo("FORBIDDEN_ERROR");
    }
    String empty = server.createTeam("No Apps Yet");
    SalesCalls.assertNoSales(calls.finance(server.createKey("FINANCE", empty).token(), "vendorNumber", calls.vendor(empty),
        "reportType", "FINANCIAL", "regionCode", "ZZ", "reportDate", name.toString()));
  }
}
