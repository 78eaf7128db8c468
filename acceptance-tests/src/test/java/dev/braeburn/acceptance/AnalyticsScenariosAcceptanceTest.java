package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.AnalyticsCalls.INSTALLS;
import static dev.braeburn.acceptance.AnalyticsCalls.INSTALLS_DETAILED;
import static dev.braeburn.acceptance.AnalyticsCalls.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data-quality scenarios of {@code /_braeburn/reports/scenarios} (docs/analytics-reports.md),
 * each reproducing a reported misbehaviour of Apple's analytics data; all off by default.
 */
class AnalyticsScenariosAcceptanceTest extends AnalyticsSuite {
  @Test
  void scenariosAreOffByDefaultPerTeamAndValidated() {
    JsonNode defaults = calls.scenarios(null).json();
    assertThat(defaults.toString()).isEqualTo("{\"delayedFirstInstances\":false,\"skippedDate\":null,\"duplicateDeliveries\":false,"
        + "\"lateRevisions\":false,\"privacyThreshold\":false,\"inactivityDays\":90,\"emptyInstances\":false}");
    TestServer.Reply changed = calls.scenarios("{\"lateRevisions\":true,\"skippedDate\":\"2026-01-02\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("lateRevisions").asBoolean()).isTrue();
    assertThat(calls.scenarios(null).json().path("skippedDate").asText()).isEqualTo("2026-01-02");
    assertThat(calls.scenarios("{\"skippedDate\":null}").json().path("skippedDate").isNull()).isTrue();

    String other = server.createTeam("Other");
    assertThat(server.admin("GET", "/_braeburn/reports/scenarios", null, other).json().path("lateRevisions").asBoolean()).isFalse();
    for (String bad : List.of("{\"privacy\":true}", "{\"lateRevisions\":\"yes\"}", "{\"skippedDate\":\"someday\"}", "{\"inactivityDays\":-1}")) {
      TestServer.Reply r = calls.scenarios(bad);
      assertThat(r.status()).as(bad).isEqualTo(409);
      assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    }
    assertThat(server.admin("GET", "/_braeburn/reports/scenarios", null, "no-such-team").status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/reports/nothing", null, null).status()).isEqualTo(404);
  }

  /** AvdLee/appstoreconnect-swift-sdk#275: still no instances two days after the request. */
  @Test
  void delayedFirstInstancesKeepTheListEmptyForDays() {
    calls.scenarios("{\"delayedFirstInstances\":true}");
    String reportId = calls.reportId(calls.request(APP, "ONGOING"), INSTALLS);
    calls.advance(2);
    assertThat(calls.instances(reportId, "")).isEmpty();
    calls.advance(3);
    assertThat(calls.instances(reportId, "")).isEmpty();
    calls.advance(2);
    assertThat(calls.instances(reportId, "filter[granularity]=DAILY")).isNotEmpty();
  }

  /** Forum reports of instances that stay empty: they keep coming, their files hold the header alone. */
  @Test
  void emptyInstancesComeWithHeaderOnlyFilesUntilTheScenarioEnds() {
    calls.scenarios("{\"emptyInstances\":true}");
    String reportId = calls.reportId(calls.request(APP, "ONGOING"), INSTALLS);
    calls.advance(4);
    List<JsonNode> empty = calls.instances(reportId, "filter[granularity]=DAILY");
    assertThat(empty).isNotEmpty();
    for (JsonNode instance : empty) {
      for (JsonNode segment : calls.segments(instance.path("id").asText())) {
        byte[] file = calls.download(segment);
        assertThat(ReportFiles.header(file)).startsWith("Date", "App Name");
        assertThat(ReportFiles.rows(file)).isEmpty();
        assertThat(segment.at("/attributes/sizeInBytes").asLong()).isEqualTo(file.length);
      }
    }

    calls.scenarios("{\"emptyInstances\":false}");
    calls.advance(1);
    List<JsonNode> after = calls.instances(reportId, "filter[granularity]=DAILY");
    JsonNode newest = after.stream().max(Comparator.comparing(AnalyticsCalls::processingDate)).orElseThrow();
    assertThat(calls.rows(newest)).isNotEmpty();
  }

  /** Forum report: one Date never delivered in any instance. */
  @Test
  void aSkippedDateNeverAppears() {
    LocalDate skipped = LocalDate.parse(calls.scenarios("{\"skippedDate\":true}").json().path("skippedDate").asText());
    assertThat(skipped).isEqualTo(calls.today());
    String reportId = calls.reportId(calls.request(APP, "ONGOING"), INSTALLS);
    calls.advance(9);
    Map<LocalDate, List<Map<String, String>>> merged = calls.newestWins(calls.instances(reportId, "filter[granularity]=DAILY"));
    assertThat(merged).containsKeys(skipped.minusDays(1), skipped.plusDays(1)).doesNotContainKey(skipped);
  }

  /** Forum report: two consecutive ONGOING instances with identical content. */
  @Test
  void duplicateDeliveriesRepeatThePreviousInstance() {
    calls.scenarios("{\"duplicateDeliveries\":true}");
    String reportId = calls.reportId(calls.request(APP, "ONGOING"), INSTALLS);
    calls.advance(6);
    List<JsonNode> daily = new ArrayList<>(calls.instances(reportId, "filter[granularity]=DAILY"));
    daily.sort(Comparator.comparing(AnalyticsCalls::processingDate));
    int duplicates = 0;
    for (int i = 1; i < daily.size(); i++) {
      String previous = checksum(daily.get(i - 1));
      if (previous.equals(checksum(daily.get(i)))) {
        duplicates++;
        assertThat(AnalyticsCalls.processingDate(daily.get(i))).isEqualTo(AnalyticsCalls.processingDate(daily.get(i - 1)).plusDays(1));
        assertThat(calls.rows(daily.get(i))).isEqualTo(calls.rows(daily.get(i - 1)));
      }
    }
    assertThat(duplicates).isGreaterThanOrEqualTo(2);
    assertThat(duplicates).isLessThan(daily.size() - 1); // every other day only
  }

  /** Apple: rare corrections after the completeness window; the newest processing date still wins. */
  @Test
  void lateRevisionsCorrectADateAfterItsWindow() {
    calls.scenarios("{\"lateRevisions\":true}");
    String reportId = calls.reportId(calls.request(APP, "ONGOING"), INSTALLS);
    calls.advance(12);
    List<JsonNode> daily = calls.instances(reportId, "filter[granularity]=DAILY");
    LocalDate newest = daily.stream().map(AnalyticsCalls::processingDate).max(LocalDate::compareTo).orElseThrow();
    LocalDate date = newest.minusDays(8); // window 5 + 3 days late
    long atWindow = -1;
    long late = -1;
    for (JsonNode instance : daily) {
      List<Map<String, String>> rows = calls.rows(instance).stream().filter(r -> r.get("Date").equals(date.toString())).toList();
      if (AnalyticsCalls.processingDate(instance).equals(date.plusDays(5))) {
        atWindow = sum(rows, "Counts", "Event", "Install");
      } else if (AnalyticsCalls.processingDate(instance).equals(newest)) {
        late = sum(rows, "Counts", "Event", "Install");
      }
    }
    long dashboard = calls.summary(APP, date, date).get(date).path("installations").asLong();
    assertThat(late).isEqualTo(dashboard);
    assertThat(atWindow).isPositive().isLessThan(dashboard);
    assertThat(sum(calls.newestWins(daily).get(date), "Counts", "Event", "Install")).isEqualTo(dashboard);
  }

  /** Apple's privacy measures: the dashboard shows more than the reports sum to. */
  @Test
  void thePrivacyThresholdMakesReportsDisagreeWithTheDashboard() {
    calls.scenarios("{\"privacyThreshold\":true}");
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(8);
    LocalDate date = calls.today().minusDays(6); // complete in the newest instance
    Map<LocalDate, List<Map<String, String>>> standard =
        calls.newestWins(calls.instances(calls.reportId(requestId, INSTALLS), "filter[granularity]=DAILY"));
    Map<LocalDate, List<Map<String, String>>> detailed =
        calls.newestWins(calls.instances(calls.reportId(requestId, INSTALLS_DETAILED), "filter[granularity]=DAILY"));
    long dashboard = calls.summary(APP, date, date).get(date).path("installations").asLong();
    assertThat(standard.get(date)).allSatisfy(r -> assertThat(Long.parseLong(r.get("Unique Devices"))).isGreaterThanOrEqualTo(5));
    assertThat(sum(standard.get(date), "Counts", "Event", "Install")).isLessThan(dashboard);
    assertThat(sum(detailed.get(date), "Counts", "Event", "Install")).isNotEqualTo(sum(standard.get(date), "Counts", "Event", "Install"));
  }

  @Test
  void theInactivityPeriodIsTheTeamsChoice() {
    calls.scenarios("{\"inactivityDays\":10}");
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(9);
    assertThat(server.get("/v1/analyticsReportRequests/" + requestId).json().at("/data/attributes/stoppedDueToInactivity").asBoolean()).isFalse();
    calls.advance(3);
    assertThat(server.get("/v1/analyticsReportRequests/" + requestId).json().at("/data/attributes/stoppedDueToInactivity").asBoolean()).isTrue();

    calls.scenarios("{\"inactivityDays\":0}");
    String never = calls.request(APP, "ONGOING");
    calls.advance(100);
    assertThat(server.get("/v1/analyticsReportRequests/" + never).json().at("/data/attributes/stoppedDueToInactivity").asBoolean()).isFalse();
  }

  private String checksum(JsonNode instance) {
    StringBuilder all = new StringBuilder();
    calls.segments(instance.path("id").asText()).forEach(s -> all.append(s.at("/attributes/checksum").asText()));
    return all.toString();
  }
}
