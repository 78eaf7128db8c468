package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/salesReports} over real HTTP (docs/sales-finance-reports.md, reports-webhooks.md
 * §2): Apple's validation and error bodies, the SALES summary agreeing with the metrics summary
 * day by day, weeks, months and years summing their days, the subscription files' headers, the
 * publication and retention calendar on the virtual clock, and who may download.
 */
class SalesReportsAcceptanceTest extends SalesSuite {
  static final List<String> APPS = List.of("1600000001", "1600000002", "1600000003", "1600000004"); // demo seed
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  static final List<String> SALES_HEADER = List.of(
      "Provider", "Provider Country", "SKU", "Developer", "Title", "Version", "Product Type Identifier", "Units",
      "Developer Proceeds", "Begin Date", "End Date", "Customer Currency", "Country Code", "Currency of Proceeds",
      "Apple Identifier", "Customer Price", "Promo Code", "Parent Identifier", "Subscription", "Period", "Category",
      "CMB", "Device", "Supported Platforms", "Proceeds Reason", "Preserved Pricing", "Client", "Order Type");

  private TestServer.Download summary(String... more) {
    String[] pairs = new String[8 + more.length];
    System.arraycopy(new String[] {"vendorNumber", vendor, "reportType", "SALES", "reportSubType", "SUMMARY", "frequency", "DAILY"}, 0, pairs, 0, 8);
    System.arraycopy(more, 0, pairs, 8, more.length);
    return calls.sales(server.token(), pairs);
  }

  private static LocalDate beginDate(List<Map<String, String>> rows) {
    return LocalDate.parse(rows.getFirst().get("Begin Date"), US_DATE);
  }

  // ---------------------------------------------------------------- validation

  @Test
  void theVendorNumberIsTheTeamsAndAnotherIsAClear400() {
    assertThat(vendor).matches("8\\d{7}");
    String other = server.createTeam("Other Studio");
    assertThat(calls.vendor(other)).matches("8\\d{7}").isNotEqualTo(vendor);

    JsonNode e = SalesCalls.onlyError(calls.sales(server.token(), "vendorNumber", calls.vendor(other), "reportType", "SALES",
        "reportSubType", "SUMMARY", "frequency", "DAILY"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(e.path("title").asText()).isEqualTo("A parameter has an invalid value");
    assertThat(e.at("/source/parameter").asText()).isEqualTo("filter[vendorNumber]");
    assertThat(e.path("detail").asText()).contains("'" + calls.vendor(other) + "'");
  }

  @Test
  void aWrongVersionNamesTheLatestExactlyAsApple() {
    JsonNode e = SalesCalls.onlyError(summary("version", "1_3"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("status").asText()).isEqualTo("400");
    assertThat(e.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(e.path("title").asText()).isEqualTo("A parameter has an invalid value");
    assertThat(e.path("detail").asText())
        .isEqualTo("The version parameter you have specified is invalid. The latest version for this report is 1_0.");
    assertThat(e.at("/source/parameter").asText()).isEqualTo("filter[version]");

    JsonNode subscription = SalesCalls.onlyError(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SUBSCRIPTION",
        "reportSubType", "SUMMARY", "frequency", "DAILY", "version", "1_0"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(subscription.path("detail").asText()).endsWith("The latest version for this report is 1_4.");
  }

  @Test
  void combinationsOutsideApplesTableAndMisshapedDatesAre400sNamingTheParameter() {
    JsonNode subType = SalesCalls.onlyError(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SALES",
        "reportSubType", "DETAILED", "frequency", "DAILY"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(subType.at("/source/parameter").asText()).isEqualTo("filter[reportSubType]");
    JsonNode frequency = SalesCalls.onlyError(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SUBSCRIBER",
        "reportSubType", "DETAILED", "frequency", "MONTHLY"), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(frequency.at("/source/parameter").asText()).isEqualTo("filter[frequency]");
    assertThat(frequency.path("detail").asText()).endsWith("Expected one of: DAILY");
    for (String[] wrong : new String[][] {{"DAILY", "2026-02-30"}, {"WEEKLY", "2026-03-07"}, {"MONTHLY", "2026-3"}, {"YEARLY", "26"}}) {
      JsonNode date = SalesCalls.onlyError(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SALES",
          "reportSubType", "SUMMARY", "frequency", wrong[0], "reportDate", wrong[1]), 400, "id", "status", "code", "title", "detail", "source");
      assertThat(date.at("/source/parameter").asText()).as(wrong[0]).isEqualTo("filter[reportDate]");
    }
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    TestServer.Download d = calls.sales(server.token(), "vendorNumber", "80000000", "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "WEEKLY", "reportDate", "2026-03-07", "version", "9_9");
    assertThat(d.status()).isEqualTo(400);
    JsonNode errors = new TestServer.Reply(d.status(), d.headers(), d.text()).json().path("errors");
    assertThat(errors).extracting(e -> e.at("/source/parameter").asText())
        .containsExactly("filter[vendorNumber]", "filter[version]", "filter[reportDate]");
    // the spec's own rules (required filters, enum values) come from the engine, all at once too
    JsonNode missing = server.get("/v1/salesReports?filter[reportType]=SALE").json().path("errors");
    assertThat(missing).extracting(e -> e.at("/source/parameter").asText())
        .contains("filter[reportType]", "filter[vendorNumber]", "filter[reportSubType]", "filter[frequency]");
  }

  // ---------------------------------------------------------------- content

  @Test
  void theDailySummaryIsTheMetricsSummaryOfEveryApp() {
    TestServer.Download latest = summary();
    List<Map<String, String>> rows = SalesCalls.rows(latest);
    assertThat(ReportFiles.header(latest.body())).containsExactlyElementsOf(SALES_HEADER);
    LocalDate day = beginDate(rows);
    LocalDate today = calls.pacificToday();
    boolean afterEight = !calls.now().isBefore(SalesCalls.pacific(today, 8));
    assertThat(day).as("an omitted date is the latest published day").isEqualTo(today.minusDays(afterEight ? 1 : 2));
    for (LocalDate date : List.of(day, day.minusDays(3))) {
      List<Map<String, String>> daily = date.equals(day) ? rows : SalesCalls.rows(summary("reportDate", date.toString()));
      for (String app : APPS) {
        assertThat(SalesCalls.appUnits(daily, app)).as("%s on %s", app, date)
            .isEqualTo(calls.metricsTotals(app, date, date).path("salesUnits").asLong());
      }
    }
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("Provider")).isEqualTo("APPLE");
      assertThat(r.get("Begin Date")).isEqualTo(r.get("End Date"));
    });
    assertThat(latest.header("Content-Disposition")).contains("S_D_" + vendor + "_" + day.toString().replace("-", "") + ".txt.gz");
  }

  @Test
  void weeksMonthsAndYearsSumTheirDays() {
    for (String frequency : List.of("WEEKLY", "MONTHLY")) {
      List<Map<String, String>> rows = SalesCalls.rows(calls.salesSummary(frequency, null));
      LocalDate first = beginDate(rows);
      LocalDate last = LocalDate.parse(rows.getFirst().get("End Date"), US_DATE);
      if (frequency.equals("WEEKLY")) {
        assertThat(last.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(first).isEqualTo(last.minusDays(6));
      } else {
        assertThat(last).isEqualTo(YearMonth.from(first).atEndOfMonth());
      }
      long[] sums = new long[APPS.size()];
      for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
        List<Map<String, String>> daily = SalesCalls.rows(summary("reportDate", date.toString()));
        for (int i = 0; i < APPS.size(); i++) {
          sums[i] += SalesCalls.appUnits(daily, APPS.get(i));
        }
      }
      for (int i = 0; i < APPS.size(); i++) {
        assertThat(SalesCalls.appUnits(rows, APPS.get(i))).as("%s %s", frequency, APPS.get(i)).isEqualTo(sums[i]);
      }
    }
    List<Map<String, String>> yearly = SalesCalls.rows(calls.salesSummary("YEARLY", null));
    LocalDate jan1 = beginDate(yearly);
    assertThat(yearly.getFirst().get("End Date")).isEqualTo("12/31/" + jan1.getYear());
    for (String app : APPS) {
      assertThat(SalesCalls.appUnits(yearly, app)).as("year of " + app)
          .isEqualTo(calls.metricsTotals(app, jan1, jan1.withMonth(12).withDayOfMonth(31)).path("salesUnits").asLong());
    }
  }

  @Test
  void subscriptionFilesHaveApplesHeadersPerVersion() {
    String[] subscription = {"vendorNumber", vendor, "reportType", "SUBSCRIPTION", "reportSubType", "SUMMARY", "frequency", "DAILY"};
    List<String> v14 = ReportFiles.header(ok(calls.sales(server.token(), subscription)).body());
    assertThat(v14).containsExactly("App Name", "App Apple ID", "Subscription Name", "Subscription Apple ID",
        "Subscription Group ID", "Standard Subscription Duration", "Subscription Offer Name", "Promotional Offer ID",
        "Customer Price", "Customer Currency", "Developer Proceeds", "Proceeds Currency", "Preserved Pricing",
        "Proceeds Reason", "Client", "Device", "State", "Country", "Active Standard Price Subscriptions",
        "Active Free Trial Introductory Offer Subscriptions", "Active Pay Up Front Introductory Offer Subscriptions",
        "Active Pay As You Go Introductory Offer Subscriptions", "Free Trial Promotional Offer Subscriptions",
        "Pay Up Front Promotional Offer Subscriptions", "Pay As You Go Promotional Offer Subscriptions",
        "Free Trial Offer Code Subscriptions", "Pay Up Front Offer Code Subscriptions", "Pay As You Go Offer Code Subscriptions",
        "Marketing Opt-Ins", "Billing Retry", "Grace Period", "Subscribers", "Free Trial Win-back Offers",
        "Pay Up Front Win-back Offers", "Pay As You Go Win-back Offers");
    String[] v13 = java.util.Arrays.copyOf(subscription, subscription.length + 2);
    v13[subscription.length] = "version";
    v13[subscription.length + 1] = "1_3";
    assertThat(ReportFiles.header(ok(calls.sales(server.token(), v13)).body())).containsExactlyElementsOf(v14.subList(0, 32));

    List<String> events = ReportFiles.header(ok(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SUBSCRIPTION_EVENT",
        "reportSubType", "SUMMARY", "frequency", "DAILY")).body());
    assertThat(events).hasSize(29).startsWith("Event Date", "Event", "App Name").endsWith("Quantity", "Paid Service Days Recovered");
    List<String> subscribers = ReportFiles.header(ok(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SUBSCRIBER",
        "reportSubType", "DETAILED", "frequency", "DAILY")).body());
    assertThat(subscribers).hasSize(26).startsWith("Event Date", "App Name").endsWith("Refund", "Purchase Date", "Units");
  }

  private static TestServer.Download ok(TestServer.Download d) {
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    return d;
  }

  @Test
  void reportsTheModelHasNoDataForAndTeamsWithoutAppsHaveNoSales() {
    SalesCalls.assertNoSales(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "NEWSSTAND", "reportSubType", "DETAILED",
        "frequency", "DAILY"));
    SalesCalls.assertNoSales(calls.sales(server.token(), "vendorNumber", vendor, "reportType", "PRE_ORDER", "reportSubType", "SUMMARY",
        "frequency", "DAILY")); // no demo app is tuned with a pre-order period
    String empty = server.createTeam("No Apps Yet");
    TestServer.Key admin = server.createKey("ADMIN", empty);
    SalesCalls.assertNoSales(calls.sales(admin.token(), "vendorNumber", calls.vendor(empty), "reportType", "SALES",
        "reportSubType", "SUMMARY", "frequency", "DAILY"));
  }

  @Test
  void downloadsAreGzipWhateverTheAcceptHeaderAndTheSameBytesEachTime() {
    LocalDate day = calls.pacificToday().minusDays(5);
    TestServer.Download first = summary("reportDate", day.toString());
    TestServer.Download json = server.download("/v1/salesReports?" + SalesCalls.filters("vendorNumber", vendor, "reportType", "SALES",
        "reportSubType", "SUMMARY", "frequency", "DAILY", "reportDate", day.toString()), server.token(), "application/json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).isEqualTo("application/a-gzip");
    assertThat(json.body()).isEqualTo(first.body());
    assertThat(first.body()[0]).isEqualTo((byte) 0x1f);
    assertThat(first.body()[1]).isEqualTo((byte) 0x8b);
  }

  // ---------------------------------------------------------------- calendar

  @Test
  void aDayAppearsAtEightPacificNextDayAndGoesAYearLater() {
    LocalDate today = calls.pacificToday();
    JsonNode notYet = SalesCalls.onlyError(summary("reportDate", today.toString()), 404, "id", "status", "code", "title", "detail");
    assertThat(notYet.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(notYet.path("detail").asText()).startsWith("Report is not available yet. ");

    calls.advanceTo(SalesCalls.pacific(today.plusDays(1), 8).minusSeconds(1));
    assertThat(summary("reportDate", today.toString()).status()).isEqualTo(404);
    calls.advanceTo(SalesCalls.pacific(today.plusDays(1), 8));
    assertThat(SalesCalls.rows(summary("reportDate", today.toString()))).isNotEmpty();
    assertThat(beginDate(SalesCalls.rows(summary()))).as("now the latest").isEqualTo(today);

    calls.advanceTo(SalesCalls.pacific(today.plusDays(1).plusYears(1), 23));
    assertThat(summary("reportDate", today.toString()).status()).as("kept a year").isEqualTo(200);
    calls.advanceTo(SalesCalls.pacific(today.plusDays(2).plusYears(1), 0));
    JsonNode gone = SalesCalls.onlyError(summary("reportDate", today.toString()), 410, "id", "status", "code", "title", "detail");
    assertThat(gone.path("status").asText()).isEqualTo("410");
    assertThat(gone.path("detail").asText()).startsWith("Report is no longer available. ");
    // yearly reports stay
    assertThat(calls.salesSummary("YEARLY", Integer.toString(today.getYear())).status()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- roles

  @Test
  void adminFinanceAndSalesKeysDownloadOthersAreForbidden() {
    for (String role : List.of("ADMIN", "FINANCE", "SALES")) {
      TestServer.Key key = server.createKey(role, null);
      assertThat(calls.sales(key.token(), "vendorNumber", vendor, "reportType", "SALES", "reportSubType", "SUMMARY",
          "frequency", "DAILY").status()).as(role).isEqualTo(200);
    }
    for (String role : List.of("DEVELOPER", "APP_MANAGER", "MARKETING")) {
      TestServer.Key key = server.createKey(role, null);
      JsonNode e = SalesCalls.onlyError(calls.sales(key.token(), "vendorNumber", vendor, "reportType", "SALES", "reportSubType",
          "SUMMARY", "frequency", "DAILY"), 403, "id", "status", "code", "title", "detail");
      assertThat(e.path("code").asText()).as(role).isEqualTo("FORBIDDEN_ERROR");
    }
  }
}
