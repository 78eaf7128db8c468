package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PRE_ORDER / SUMMARY over real HTTP (docs/sales-finance-reports.md, reports-webhooks.md §2.3): an
 * app tuned with a pre-order period has daily files for the days of that period with Apple's
 * header, running totals that never go down and weeks that sum their days; days outside it have
 * "no sales".
 */
class PreOrderReportsAcceptanceTest extends SalesSuite {
  private static final String APP = "1600000001"; // demo seed
  private static final List<String> HEADER = List.of(
      "Provider", "Title", "Pre-Order Start Date", "Pre-Order End Date", "Ordered", "Canceled", "Cumulative Ordered",
      "Cumulative Canceled", "Start Date", "End Date", "Country Code", "Apple Identifier", "Category", "Device",
      "Supported Platforms", "Client", "Provider Country");

  private TestServer.Download preOrders(String frequency, LocalDate date) {
    return calls.sales(server.token(), "vendorNumber", vendor, "reportType", "PRE_ORDER", "reportSubType", "SUMMARY",
        "frequency", frequency, "reportDate", date.toString(), "version", "1_0");
  }

  private TestServer.Reply tune(String body) {
    return server.admin("PATCH", "/_braeburn/metrics/apps/" + APP + "/model", body, null);
  }

  private static long sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  @Test
  void daysOfThePreOrderPeriodHaveOrdersWithGrowingRunningTotalsAndOtherDaysNoSales() {
    LocalDate today = calls.pacificToday();
    LocalDate start = today.minusDays(20);
    LocalDate launch = today.plusDays(10);
    TestServer.Reply tuned = tune("{\"launchDate\":\"" + launch + "\",\"preOrderStart\":\"" + start + "\",\"dailyDownloads\":2000}");
    assertThat(tuned.status()).as(tuned.body()).isEqualTo(200);
    assertThat(tuned.json().at("/data/preOrderStart").asText()).isEqualTo(start.toString());
    calls.advanceTo(SalesCalls.pacific(launch.plusDays(1), 9)); // every day of the period published

    Map<String, Long> cumulative = new HashMap<>();
    for (LocalDate day = start; day.isBefore(launch); day = day.plusDays(1)) {
      TestServer.Download file = preOrders("DAILY", day);
      List<Map<String, String>> rows = SalesCalls.rows(file);
      assertThat(ReportFiles.header(file.body())).isEqualTo(HEADER);
      assertThat(sum(rows, "Ordered")).as(day.toString()).isPositive();
      for (Map<String, String> r : rows) {
        assertThat(r).containsEntry("Apple Identifier", APP).containsEntry("Provider", "APPLE")
            .containsEntry("Pre-Order Start Date", start.format(SalesReportsAcceptanceTest.US_DATE))
            .containsEntry("Pre-Order End Date", launch.format(SalesReportsAcceptanceTest.US_DATE))
            .containsEntry("Start Date", day.format(SalesReportsAcceptanceTest.US_DATE));
        assertThat(Long.parseLong(r.get("Canceled"))).isBetween(0L, Long.parseLong(r.get("Ordered")));
        long total = Long.parseLong(r.get("Cumulative Ordered"));
        Long before = cumulative.put(r.get("Country Code") + "/" + r.get("Device"), total);
        assertThat(total).isGreaterThanOrEqualTo(before == null ? 0 : before + Long.parseLong(r.get("Ordered")));
      }
    }
    SalesCalls.assertNoSales(preOrders("DAILY", start.minusDays(1)));
    SalesCalls.assertNoSales(preOrders("DAILY", launch));
  }

  @Test
  void aWeekSumsItsDaysAndCarriesItsSundaysRunningTotals() {
    LocalDate today = calls.pacificToday();
    LocalDate launch = today.plusDays(10);
    assertThat(tune("{\"launchDate\":\"" + launch + "\",\"preOrderStart\":\"" + today.minusDays(20) + "\"}").status()).isEqualTo(200);
    calls.advanceTo(SalesCalls.pacific(launch.plusDays(1), 9));
    LocalDate sunday = launch.minusDays(8).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));

    List<Map<String, String>> week = SalesCalls.rows(preOrders("WEEKLY", sunday));
    long daily = 0;
    for (int i = 0; i < 7; i++) {
      daily += sum(SalesCalls.rows(preOrders("DAILY", sunday.minusDays(i))), "Ordered");
    }
    assertThat(sum(week, "Ordered")).isEqualTo(daily).isPositive();
    assertThat(sum(week, "Cumulative Ordered")).isEqualTo(sum(SalesCalls.rows(preOrders("DAILY", sunday)), "Cumulative Ordered"));
    assertThat(week.getFirst()).containsEntry("Start Date", sunday.minusDays(6).format(SalesReportsAcceptanceTest.US_DATE))
        .containsEntry("End Date", sunday.format(SalesReportsAcceptanceTest.US_DATE));
  }

  @Test
  void aPreOrderStartNotBeforeLaunchIsA400NamingIt() {
    TestServer.Reply r = tune("{\"launchDate\":\"2026-06-01\",\"preOrderStart\":\"2026-06-01\"}");
    JsonNode e = AppleErrors.onlyError(r, 400, "id", "status", "code", "title", "detail", "source");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/preOrderStart");
    assertThat(e.path("detail").asText()).contains("preOrderStart");
    assertThat(tune("{\"preOrderStart\":null}").json().at("/data/preOrderStart").isNull()).isTrue();
  }
}
