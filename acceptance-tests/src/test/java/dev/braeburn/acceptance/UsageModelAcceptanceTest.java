package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage model over the admin API (docs/usage-model.md): an app's tuning read and changed
 * through {@code /_braeburn/metrics/apps/{id}/model}, the metrics summary following it, the tuning
 * surviving a restart and travelling in snapshots, and clear errors for bad input.
 */
class UsageModelAcceptanceTest {
  private static final String APP = "1800000001";
  private static final String MODEL = "/_braeburn/metrics/apps/" + APP + "/model";
  private static final String FOUR_WEEKS = "/_braeburn/metrics/apps/" + APP + "?from=2026-03-02&to=2026-03-29";

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(null);
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"apps","id":"%s","attributes":{"name":"Harbor","bundleId":"com.example.harbor","sku":"HARBOR","primaryLocale":"en-US"}}]}"""
        .formatted(APP), null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void everyFieldHasADefault() {
    JsonNode model = ok(server.admin("GET", MODEL, null, null)).path("data");
    assertThat(model.path("appId").asText()).isEqualTo(APP);
    assertThat(LocalDate.parse(model.path("launchDate").asText())).isBefore(LocalDate.of(2024, 1, 1));
    assertThat(model.path("dailyDownloads").asInt()).isBetween(200, 400);
    assertThat(model.path("territories").size()).isGreaterThan(10);
    assertThat(model.path("inventProducts").asBoolean()).isTrue();
    for (String field : List.of("seed", "priceUsd", "devices", "weekendFactor", "trendPerYear", "launchSpike", "spikes", "noise",
        "redownloadRate", "deletionRate", "activeRate", "crashRate", "iapRate", "subscriptionRate", "trialShare", "productPrices")) {
      assertThat(model.has(field)).as(field).isTrue();
    }
  }

  @Test
  void aTunedAppShowsInTheSummaryAndSurvivesARestart() throws Exception {
    JsonNode tuned = ok(server.admin("PATCH", MODEL, "{\"dailyDownloads\":5000,\"territories\":[\"US\",\"DE\",\"JP\"]}", null)).path("data");
    assertThat(tuned.path("dailyDownloads").asInt()).isEqualTo(5000);
    assertThat(fieldNames(tuned.path("territories"))).containsExactly("DE", "JP", "US");

    JsonNode summary = ok(server.admin("GET", FOUR_WEEKS, null, null)).path("data");
    assertFiveThousandADayInThreeTerritories(summary);

    server = server.restart();
    assertThat(ok(server.admin("GET", MODEL, null, null)).at("/data/dailyDownloads").asInt()).isEqualTo(5000);
    assertThat(ok(server.admin("GET", FOUR_WEEKS, null, null)).path("data")).isEqualTo(summary);
  }

  @Test
  void theSummaryAddsUpItsDays() {
    JsonNode data = ok(server.admin("GET", FOUR_WEEKS, null, null)).path("data");
    assertThat(data.path("from").asText()).isEqualTo("2026-03-02");
    assertThat(data.path("to").asText()).isEqualTo("2026-03-29");
    assertThat(data.path("fingerprint").asText()).matches("[0-9a-f]{64}");
    JsonNode totals = data.path("totals");
    for (String key : List.of("impressions", "impressionsUnique", "pageViews", "pageViewsUnique", "tapsGet", "tapsRedownload",
        "tapsUpdate", "tapsOpen", "firstTimeDownloads", "redownloads", "manualUpdates", "autoUpdates", "restores", "deletions",
        "sessions", "sessionSeconds", "activeDevices", "crashes", "crashDevices", "optIns", "installations", "salesUnits",
        "purchases", "refunds")) {
      long sum = 0;
      for (JsonNode day : data.path("days")) {
        sum += day.path(key).asLong();
      }
      assertThat(totals.path(key).asLong()).as(key).isEqualTo(sum);
    }
    assertThat(totals.path("firstTimeDownloads").asLong()).isPositive();
    assertThat(totals.path("installations").asLong()).isEqualTo(totals.path("firstTimeDownloads").asLong()
        + totals.path("redownloads").asLong() + totals.path("manualUpdates").asLong() + totals.path("restores").asLong());
    assertThat(totals.path("salesUsd").decimalValue()).isPositive(); // the invented products sell
    assertThat(totals.path("salesUsd").toString()).matches("\\d+\\.\\d\\d");
  }

  @Test
  void theDefaultPeriodIsTheThirtyDaysBeforeToday() {
    JsonNode clock = ok(server.admin("GET", "/_braeburn/clock", null, null));
    LocalDate today = java.time.Instant.parse(clock.path("now").asText()).atZone(java.time.ZoneId.of("America/Los_Angeles")).toLocalDate();
    JsonNode data = ok(server.admin("GET", "/_braeburn/metrics/apps/" + APP, null, null)).path("data");
    assertThat(data.path("from").asText()).isEqualTo(today.minusDays(30).toString());
    assertThat(data.path("to").asText()).isEqualTo(today.minusDays(1).toString());
    assertThat(data.path("days")).hasSize(30);
  }

  @Test
  void aSnapshotCarriesTheTuning() {
    ok(server.admin("PATCH", MODEL, "{\"dailyDownloads\":1234}", null));
    String saved = ok(server.admin("GET", "/_braeburn/snapshot", null, null)).toString();
    ok(server.admin("PATCH", MODEL, "{\"dailyDownloads\":99}", null));
    assertThat(server.admin("POST", "/_braeburn/snapshot", saved, null).status()).isEqualTo(200);
    assertThat(ok(server.admin("GET", MODEL, null, null)).at("/data/dailyDownloads").asInt()).isEqualTo(1234);
  }

  @Test
  void nullResetsAFieldToItsDefault() {
    int original = ok(server.admin("GET", MODEL, null, null)).at("/data/dailyDownloads").asInt();
    ok(server.admin("PATCH", MODEL, "{\"dailyDownloads\":42,\"priceUsd\":1.99}", null));
    JsonNode reset = ok(server.admin("PATCH", MODEL, "{\"dailyDownloads\":null}", null)).path("data");
    assertThat(reset.path("dailyDownloads").asInt()).isEqualTo(original);
    assertThat(reset.path("priceUsd").decimalValue()).isEqualByComparingTo("1.99");
  }

  @Test
  void badTuningsAreRefusedNamingTheField() {
    assertBadField("{\"territories\":{\"US\":1,\"XX\":1}}", "/territories/XX");
    assertBadField("{\"territories\":{\"US\":-2}}", "/territories/US");
    assertBadField("{\"dailyDownloads\":10000001}", "/dailyDownloads");
    assertBadField("{\"launchDate\":\"last year\"}", "/launchDate");
    assertBadField("{\"dailyDownload\":5}", "/dailyDownload");
    JsonNode e = AppleErrors.onlyError(server.admin("PATCH", MODEL, "[1]", null), 400, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_INVALID");
    assertThat(ok(server.admin("GET", MODEL, null, null)).at("/data/dailyDownloads").asInt()).isLessThan(1000); // nothing stored
  }

  @Test
  void badPeriodsAreRefusedNamingTheParameter() {
    String base = "/_braeburn/metrics/apps/" + APP;
    assertBadParameter(base + "?from=2026-02-30", "from");
    assertBadParameter(base + "?from=2026-03-10&to=2026-03-01", "to");
    assertBadParameter(base + "?from=2025-01-01&to=2026-03-01", "to");
    assertBadParameter(base + "?filter=1", "filter");
    assertThat(server.admin("GET", base + "?from=2025-01-01&to=2026-02-04", null, null).status()).isEqualTo(200); // 400 days
  }

  @Test
  void unknownAppsAreNotFound() {
    for (String path : List.of("/_braeburn/metrics/apps/999", "/_braeburn/metrics/apps/999/model")) {
      JsonNode e = AppleErrors.onlyError(server.admin("GET", path, null, null), 404, "id", "status", "code", "title", "detail");
      assertThat(e.path("code").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(server.admin("PATCH", "/_braeburn/metrics/apps/999/model", "{\"dailyDownloads\":5}", null).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/metrics/apps/" + APP + "/model", null, "no-such-team").status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/metrics/nothing", null, null).status()).isEqualTo(404);
  }

  @Test
  void teamsHaveTheirOwnApps() {
    String other = server.createTeam("Other");
    assertThat(server.admin("GET", MODEL, null, other).status()).isEqualTo(404);
    assertThat(server.admin("GET", MODEL, null, server.issuerId).status()).isEqualTo(200);
  }

  private static void assertFiveThousandADayInThreeTerritories(JsonNode summary) {
    assertThat(summary.path("days")).hasSize(28);
    double average = summary.at("/totals/firstTimeDownloads").asDouble() / 28;
    assertThat(average).isBetween(4000.0, 6000.0);
    assertThat(fieldNames(summary.path("territories"))).containsExactly("DE", "JP", "US");
    for (JsonNode t : summary.path("territories")) {
      assertThat(t.path("firstTimeDownloads").asDouble() / 28).isBetween(5000 / 3 * 0.8, 5000 / 3 * 1.25);
    }
  }

  private void assertBadField(String body, String pointer) {
    JsonNode e = AppleErrors.onlyError(server.admin("PATCH", MODEL, body, null), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_INVALID");
    assertThat(e.at("/source/pointer").asText()).isEqualTo(pointer);
    assertThat(e.path("detail").asText()).contains(pointer.substring(1).split("/")[0]);
  }

  private void assertBadParameter(String path, String parameter) {
    JsonNode e = AppleErrors.onlyError(server.admin("GET", path, null, null), 400, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(e.at("/source/parameter").asText()).isEqualTo(parameter);
  }

  private static JsonNode ok(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
