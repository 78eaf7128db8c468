package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Sales and finance downloads as a reporting pipeline makes them (docs/sales-finance-reports.md),
 * the team's vendor number, the metrics summary they must agree with and the virtual clock; shared
 * by the suites that check those reports.
 */
final class SalesCalls implements AutoCloseable {
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  static final String NO_SALES = "There were no sales for the date specified.";

  final TestServer server;

  SalesCalls(TestServer server) {
    this.server = server;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }

  /** The vendor number of a team (null: the first team), from the admin team list. */
  String vendor(String issuer) {
    String id = issuer == null ? server.issuerId : issuer;
    for (JsonNode team : server.admin("GET", "/_braeburn/teams", null, null).json().path("data")) {
      if (team.path("issuerId").asText().equals(id)) {
        return team.path("vendorNumber").asText();
      }
    }
    throw new AssertionError("no team " + id);
  }

  /** {@code filter[k]=v&…} from pairs of key and value. */
  static String filters(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(out.isEmpty() ? "" : "&").append("filter[").append(pairs[i]).append("]=").append(pairs[i + 1]);
    }
    return out.toString();
  }

  TestServer.Download sales(String bearer, String... pairs) {
    return server.download("/v1/salesReports?" + filters(pairs), bearer, "application/a-gzip");
  }

  TestServer.Download finance(String bearer, String... pairs) {
    return server.download("/v1/financeReports?" + filters(pairs), bearer, "application/a-gzip");
  }

  /** SALES / SUMMARY of the first team with the first-start key; {@code date} null for the latest. */
  TestServer.Download salesSummary(String frequency, String date) {
    return date == null
        ? sales(server.token(), "vendorNumber", vendor(null), "reportType", "SALES", "reportSubType", "SUMMARY", "frequency", frequency)
        : sales(server.token(), "vendorNumber", vendor(null), "reportType", "SALES", "reportSubType", "SUMMARY", "frequency", frequency,
            "reportDate", date);
  }

  /** The rows of a 200 download, checked to be Apple's content type. */
  static List<Map<String, String>> rows(TestServer.Download d) {
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    assertThat(d.header("Content-Type")).isEqualTo("application/a-gzip");
    return ReportFiles.rows(d.body());
  }

  /** Σ Units of one app's lines in a SALES file: its own (Apple Identifier) and its in-app products' (Parent Identifier = its SKU). */
  static long appUnits(List<Map<String, String>> rows, String appId) {
    String sku = rows.stream().filter(r -> r.get("Apple Identifier").equals(appId)).map(r -> r.get("SKU")).findFirst().orElse("\u0000");
    return rows.stream().filter(r -> r.get("Apple Identifier").equals(appId) || r.get("Parent Identifier").equals(sku))
        .mapToLong(r -> Long.parseLong(r.get("Units"))).sum();
  }

  /** The metrics summary's {@code totals} of an app over Pacific days {@code from} – {@code to}. */
  JsonNode metricsTotals(String appId, LocalDate from, LocalDate to) {
    TestServer.Reply r = server.admin("GET", "/_braeburn/metrics/apps/" + appId + "?from=" + from + "&to=" + to, null, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/totals");
  }

  /** An error download's only error, with exactly Apple's members. */
  static JsonNode onlyError(TestServer.Download d, int status, String... members) {
    return AppleErrors.onlyError(new TestServer.Reply(d.status(), d.headers(), d.text()), status, members);
  }

  static void assertNoSales(TestServer.Download d) {
    JsonNode e = onlyError(d, 404, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(e.path("detail").asText()).isEqualTo(NO_SALES);
  }

  Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  Instant freeze() {
    return Instant.parse(server.admin("POST", "/_braeburn/clock/freeze", null, null).json().path("now").asText());
  }

  /** Moves the virtual clock forward to {@code instant} or less than a second past it (never back), running whatever comes due. */
  void advanceTo(Instant instant) {
    Duration gap = Duration.between(now(), instant);
    long seconds = gap.getSeconds() + (gap.getNano() > 0 ? 1 : 0); // whole seconds, never short of the instant
    if (seconds > 0) {
      TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  LocalDate pacificToday() {
    return LocalDate.ofInstant(now(), PACIFIC);
  }

  static Instant pacific(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(PACIFIC).toInstant();
  }
}
