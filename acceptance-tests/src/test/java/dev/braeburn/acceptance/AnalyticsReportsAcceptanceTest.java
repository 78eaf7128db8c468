package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.AnalyticsCalls.INSTALLS;
import static dev.braeburn.acceptance.AnalyticsCalls.INSTALLS_DETAILED;
import static dev.braeburn.acceptance.AnalyticsCalls.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Analytics Reports API over real HTTP (docs/analytics-reports.md): the five-step flow of an
 * ETL client, report totals against the metrics summary, revisions, the snapshot's history, the
 * 35-day retention, Apple's 409s, inactivity, download URL expiry, roles and restarts. Time moves
 * only through the admin clock.
 */
class AnalyticsReportsAcceptanceTest extends AnalyticsSuite {
  @Test
  void theFiveStepFlowOfAnEtlClient() {
    // 1. request
    TestServer.Reply created = calls.create(APP, "ONGOING");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode request = created.json().path("data");
    String requestId = request.path("id").asText();
    assertThat(requestId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(request.at("/attributes/accessType").asText()).isEqualTo("ONGOING");
    assertThat(request.at("/attributes/stoppedDueToInactivity").asBoolean(true)).isFalse();
    assertThat(request.at("/relationships/reports/links/related").asText()).endsWith("/v1/analyticsReportRequests/" + requestId + "/reports");
    assertThat(created.header("location")).endsWith("/v1/analyticsReportRequests/" + requestId);
    assertThat(created.body()).doesNotContain("appId").doesNotContain("lastReadAt");
    TestServer.Reply listed = server.get("/v1/apps/" + APP + "/analyticsReportRequests?filter[accessType]=ONGOING&include=reports&limit[reports]=50");
    assertThat(Docs.ids(listed)).containsExactly(requestId);
    assertThat(listed.json().path("included")).hasSize(50);

    // 2. find the report
    String reportId = calls.reportId(requestId, INSTALLS);
    assertThat(reportId).isEqualTo("r6-" + requestId);
    TestServer.Reply usage = server.get("/v1/analyticsReportRequests/" + requestId + "/reports?filter[category]=APP_USAGE&limit=200");
    assertThat(usage.json().path("data")).allMatch(r -> r.at("/attributes/category").asText().equals("APP_USAGE"))
        .anyMatch(r -> r.at("/attributes/name").asText().equals("App Sessions Standard"));
    assertThat(server.get("/v1/analyticsReportRequests/" + requestId + "/reports?limit=200").json().at("/meta/paging/total").asInt())
        .isGreaterThan(140);

    // 3. instances: none at first (Apple: 1–2 days), then daily ones
    assertThat(calls.instances(reportId, "filter[granularity]=DAILY")).isEmpty();
    calls.advance(2);
    List<JsonNode> daily = calls.instances(reportId, "filter[granularity]=DAILY");
    assertThat(daily).isNotEmpty().allMatch(i -> i.at("/attributes/granularity").asText().equals("DAILY"));
    JsonNode instance = daily.getFirst();
    String processed = instance.at("/attributes/processingDate").asText();
    assertThat(Docs.ids(server.get("/v1/analyticsReports/" + reportId + "/instances?filter[processingDate]=" + processed
        + "&filter[granularity]=DAILY"))).containsExactly(instance.path("id").asText());
    assertThat(calls.instances(reportId, "filter[processingDate]=2024-01-01")).isEmpty();
    JsonNode sparse = server.get("/v1/analyticsReports/" + reportId + "/instances?fields[analyticsReportInstances]=processingDate&limit=1").json();
    assertThat(sparse.at("/data/0/attributes").toString()).isEqualTo("{\"processingDate\":\"" + daily.getFirst().at("/attributes/processingDate").asText() + "\"}");
    assertThat(sparse.at("/links/next").isTextual()).isEqualTo(calls.instances(reportId, "").size() > 1);

    // 4. segments
    List<JsonNode> segments = calls.segments(instance.path("id").asText());
    assertThat(segments).isNotEmpty();
    JsonNode segment = segments.getFirst();
    assertThat(segment.at("/attributes/checksum").asText()).matches("[0-9a-f]{32}");
    assertThat(segment.at("/attributes/url").asText()).startsWith(server.baseUrl() + "/_reports/").contains(".csv.gz?");
    assertThat(segment.toString()).doesNotContain("secret").doesNotContain("objectPath");

    // 5. download without a token, gunzip, read rows by column name
    byte[] file = calls.download(segment);
    assertThat(ReportFiles.header(file)).startsWith("Date", "App Name", "App Apple Identifier", "Event", "Download Type")
        .contains("Territory", "Counts", "Unique Devices").doesNotContain("Source Info", "Page Title", "Campaign");
    List<Map<String, String>> rows = ReportFiles.rows(file);
    assertThat(rows).isNotEmpty().allSatisfy(row -> {
      assertThat(row.get("Date")).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(row.get("App Apple Identifier")).isEqualTo(APP);
      assertThat(row.get("Territory")).matches("[A-Z]{2}");
      assertThat(row.get("Event")).isIn("Install", "Delete");
      assertThat(LocalDate.parse(row.get("Date"))).isBefore(LocalDate.parse(processed));
    });
    assertThat(rows).anyMatch(row -> row.get("Platform Version").matches("(iOS|iPadOS|macOS|tvOS|visionOS) \\d+(\\.\\d+)*"));

    // every document of the flow is valid for the spec's response schema
    SchemaValidator validator = new SchemaValidator(dev.braeburn.spec.Spec.load());
    Map<String, String> documents = Map.of(
        "/v1/analyticsReportRequests/" + requestId + "?include=reports", "AnalyticsReportRequestResponse",
        "/v1/analyticsReportRequests/" + requestId + "/reports", "AnalyticsReportsResponse",
        "/v1/analyticsReports/" + reportId, "AnalyticsReportResponse",
        "/v1/analyticsReports/" + reportId + "/instances", "AnalyticsReportInstancesResponse",
        "/v1/analyticsReportInstances/" + instance.path("id").asText(), "AnalyticsReportInstanceResponse",
        "/v1/analyticsReportInstances/" + instance.path("id").asText() + "/segments", "AnalyticsReportSegmentsResponse",
        "/v1/analyticsReportSegments/" + segment.path("id").asText(), "AnalyticsReportSegmentResponse",
        "/v1/apps/" + APP + "/analyticsReportRequests", "AnalyticsReportRequestsResponse");
    documents.forEach((path, schema) -> {
      TestServer.Reply r = server.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(validator.validate(r.json(), schema)).as(path).isEmpty();
    });
    assertThat(validator.validate(created.json(), "AnalyticsReportRequestResponse")).isEmpty();
  }

  @Test
  void installationTotalsEqualTheSummaryAndRevisionsSupersedeOlderNumbers() {
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(10);
    LocalDate today = calls.today();
    List<JsonNode> daily = calls.instances(calls.reportId(requestId, INSTALLS), "filter[granularity]=DAILY");
    assertThat(daily).hasSizeGreaterThanOrEqualTo(8);
    LocalDate newest = daily.stream().map(AnalyticsCalls::processingDate).max(LocalDate::compareTo).orElseThrow();
    assertThat(newest).isEqualTo(today);

    // revisions: one Date appears in several instances with growing numbers; the newest is the final one
    LocalDate date = newest.minusDays(5);
    List<Long> installsOfDate = new ArrayList<>();
    for (JsonNode instance : daily) {
      List<Map<String, String>> ofDate = calls.rows(instance).stream().filter(r -> r.get("Date").equals(date.toString())).toList();
      if (!ofDate.isEmpty()) {
        installsOfDate.add(sum(ofDate, "Counts", "Event", "Install"));
      }
    }
    assertThat(installsOfDate).hasSize(5).isSorted();
    assertThat(installsOfDate.getFirst()).isLessThan(installsOfDate.getLast());

    Map<LocalDate, List<Map<String, String>>> merged = calls.newestWins(daily);
    Map<LocalDate, List<Map<String, String>>> detailed =
        calls.newestWins(calls.instances(calls.reportId(requestId, INSTALLS_DETAILED), "filter[granularity]=DAILY"));
    LocalDate firstComplete = merged.keySet().iterator().next();
    LocalDate lastComplete = newest.minusDays(5);
    Map<LocalDate, JsonNode> summary = calls.summary(APP, firstComplete, lastComplete);
    assertThat(summary).hasSizeGreaterThanOrEqualTo(4);
    assertThat(installsOfDate.getLast()).isEqualTo(summary.get(date).path("installations").asLong());
    summary.forEach((day, numbers) -> {
      assertThat(sum(merged.get(day), "Counts", "Event", "Install")).as("installations of %s", day).isEqualTo(numbers.path("installations").asLong());
      assertThat(sum(merged.get(day), "Counts", "Event", "Delete")).as("deletions of %s", day).isEqualTo(numbers.path("deletions").asLong());
      assertThat(sum(detailed.get(day), "Counts", "Event", "Install")).isEqualTo(numbers.path("installations").asLong());
      assertThat(sum(merged.get(day), "Counts", "Download Type", "First-time download")).isEqualTo(numbers.path("firstTimeDownloads").asLong());
    });
    assertThat(summary.values()).anyMatch(d -> d.path("installations").asLong() > 0);
  }

  @Test
  void weeklyAndMonthlyInstancesComeOnFridaysAndOnTheFifth() {
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(40);
    String reportId = calls.reportId(requestId, INSTALLS);
    List<JsonNode> weekly = calls.instances(reportId, "filter[granularity]=WEEKLY");
    assertThat(weekly).isNotEmpty().allSatisfy(i -> assertThat(AnalyticsCalls.processingDate(i).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY));
    List<Map<String, String>> week = calls.rows(weekly.getFirst());
    LocalDate monday = AnalyticsCalls.processingDate(weekly.getFirst()).minusDays(11);
    assertThat(week).allMatch(r -> r.get("Date").equals(monday.toString()));
    long summed = calls.summary(APP, monday, monday.plusDays(6)).values().stream().mapToLong(d -> d.path("installations").asLong()).sum();
    assertThat(sum(week, "Counts", "Event", "Install")).isEqualTo(summed);
    List<JsonNode> monthly = calls.instances(reportId, "filter[granularity]=MONTHLY");
    assertThat(monthly).singleElement().satisfies(i -> assertThat(AnalyticsCalls.processingDate(i).getDayOfMonth()).isEqualTo(5));
    // App Downloads Standard has daily instances only
    assertThat(calls.instances(calls.reportId(requestId, "App Downloads Standard"), "filter[granularity]=WEEKLY")).isEmpty();
    assertThat(calls.instances(calls.reportId(requestId, "App Downloads Detailed"), "filter[granularity]=WEEKLY")).isNotEmpty();
  }

  @Test
  void aSnapshotCoversTheHistoryFromJanuary2024() {
    String requestId = calls.request(APP, "ONE_TIME_SNAPSHOT");
    calls.advance(2);
    LocalDate today = calls.today();
    String reportId = calls.reportId(requestId, INSTALLS);
    List<JsonNode> daily = calls.instances(reportId, "filter[granularity]=DAILY");
    LocalDate processed = AnalyticsCalls.processingDate(daily.getFirst());
    assertThat(daily).allMatch(i -> AnalyticsCalls.processingDate(i).equals(processed));
    Map<LocalDate, List<Map<String, String>>> merged = calls.newestWins(daily);
    assertThat(merged.keySet()).first().isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(merged.keySet()).last().isEqualTo(processed.minusDays(1));
    assertThat(merged).hasSize((int) (processed.toEpochDay() - LocalDate.of(2024, 1, 1).toEpochDay()));
    assertThat(processed).isBeforeOrEqualTo(today);

    Map<LocalDate, JsonNode> march = calls.summary(APP, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    march.forEach((day, numbers) -> assertThat(sum(merged.get(day), "Counts", "Event", "Install")).isEqualTo(numbers.path("installations").asLong()));
    List<JsonNode> monthly = calls.instances(reportId, "filter[granularity]=MONTHLY");
    List<Map<String, String>> monthRows = new ArrayList<>();
    monthly.forEach(i -> monthRows.addAll(calls.rows(i)));
    long marchInstalls = march.values().stream().mapToLong(d -> d.path("installations").asLong()).sum();
    assertThat(sum(monthRows.stream().filter(r -> r.get("Date").equals("2024-03-01")).toList(), "Counts", "Event", "Install"))
        .isEqualTo(marchInstalls);
    assertThat(calls.instances(reportId, "filter[granularity]=WEEKLY")).isNotEmpty();

    // instances of an ONGOING request of the same app do not mix with the snapshot's
    String ongoing = calls.request(APP, "ONGOING");
    assertThat(calls.instances(calls.reportId(ongoing, INSTALLS), "")).isEmpty();
  }

  @Test
  void instancesAreDeletedAfter35Days() {
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(3);
    String reportId = calls.reportId(requestId, INSTALLS);
    JsonNode first = calls.instances(reportId, "filter[granularity]=DAILY").getFirst();
    LocalDate firstProcessed = AnalyticsCalls.processingDate(first);
    calls.advance(36);
    LocalDate today = calls.today();
    List<JsonNode> daily = calls.instances(reportId, "filter[granularity]=DAILY");
    assertThat(daily).extracting(AnalyticsCalls::processingDate).allMatch(d -> d.isAfter(today.minusDays(35)))
        .doesNotContain(firstProcessed).contains(today);
    assertThat(daily).hasSize(35);
    assertThat(server.get("/v1/analyticsReportInstances/" + first.path("id").asText()).status()).isEqualTo(404);
  }

  @Test
  void applesConflictsForDuplicateRequestsAndSnapshotsWithin31Days() {
    calls.request(APP, "ONGOING");
    JsonNode again = AppleErrors.onlyError(calls.create(APP, "ONGOING"), 409, "id", "status", "code", "title", "detail");
    assertThat(again.path("status").asText()).isEqualTo("409");
    assertThat(again.path("code").asText()).isEqualTo("STATE_ERROR");
    assertThat(again.path("title").asText()).isEqualTo("The request cannot be fulfilled because of the state of another resource.");
    assertThat(again.path("detail").asText()).isEqualTo("You already have such an entity");
    calls.request(OTHER_APP, "ONGOING"); // per app

    String snapshot = calls.request(APP, "ONE_TIME_SNAPSHOT");
    assertThat(calls.create(APP, "ONE_TIME_SNAPSHOT").status()).isEqualTo(409);
    assertThat(server.send("DELETE", "/v1/analyticsReportRequests/" + snapshot, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/analyticsReportRequests/" + snapshot).status()).isEqualTo(404);
    // the deleted request still counts: one snapshot per 31 days
    AppleErrors.onlyError(calls.create(APP, "ONE_TIME_SNAPSHOT"), 409, "id", "status", "code", "title", "detail");
    calls.advance(32);
    assertThat(calls.create(APP, "ONE_TIME_SNAPSHOT").status()).isEqualTo(201);

    JsonNode unknownApp = calls.create("1999999999", "ONGOING").json().path("errors").get(0);
    assertThat(unknownApp.path("status").asText()).isEqualTo("409");
    assertThat(unknownApp.at("/source/pointer").asText()).isEqualTo("/data/relationships/app/data");
    TestServer.Reply badType = server.send("POST", "/v1/analyticsReportRequests", AnalyticsCalls.body(APP, "SOMETIMES"));
    assertThat(badType.status()).isEqualTo(409);
    assertThat(badType.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.TYPE");
  }

  @Test
  void deletingARequestStopsItsInstancesAndFreesItsPlace() {
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(2);
    String reportId = calls.reportId(requestId, INSTALLS);
    String instanceId = calls.instances(reportId, "").getFirst().path("id").asText();
    assertThat(server.send("DELETE", "/v1/analyticsReportRequests/" + requestId, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/analyticsReports/" + reportId).status()).isEqualTo(404);
    assertThat(server.get("/v1/analyticsReportInstances/" + instanceId).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/tasks", null, null).body()).doesNotContain(requestId);
    assertThat(server.send("DELETE", "/v1/analyticsReportRequests/" + requestId, null).status()).isEqualTo(404);
    calls.advance(2);
    assertThat(calls.request(APP, "ONGOING")).isNotEqualTo(requestId);
  }

  @Test
  void aRequestNobodyReadsStopsDueToInactivity() {
    String idle = calls.request(APP, "ONGOING");
    String read = calls.request(OTHER_APP, "ONGOING");
    String readReport = calls.reportId(read, INSTALLS);
    for (int i = 0; i < 3; i++) {
      calls.advance(30);
      List<JsonNode> instances = calls.instances(readReport, "filter[granularity]=DAILY");
      calls.segments(instances.getLast().path("id").asText()); // the ETL reads its data
    }
    calls.advance(2);
    assertThat(server.get("/v1/analyticsReportRequests/" + idle).json().at("/data/attributes/stoppedDueToInactivity").asBoolean()).isTrue();
    assertThat(server.get("/v1/analyticsReportRequests/" + read).json().at("/data/attributes/stoppedDueToInactivity").asBoolean()).isFalse();
    LocalDate today = calls.today();
    String idleReport = calls.reportId(idle, INSTALLS);
    assertThat(calls.instances(idleReport, "filter[processingDate]=" + today)).isEmpty();
    assertThat(calls.instances(readReport, "filter[processingDate]=" + today)).isNotEmpty();
    // a stopped request leaves room for a new one
    assertThat(calls.create(APP, "ONGOING").status()).isEqualTo(201);
  }

  @Test
  void downloadUrlsExpireAfterFiveMinutesAndCannotBeAltered() {
    String requestId = calls.request(APP, "ONGOING");
    calls.advance(2);
    JsonNode instance = calls.instances(calls.reportId(requestId, INSTALLS), "").getFirst();
    JsonNode segment = calls.segments(instance.path("id").asText()).getFirst();
    String url = segment.at("/attributes/url").asText();
    byte[] first = calls.download(segment);

    TestServer.Download altered = server.download(url.replace("X-Amz-Expires=300", "X-Amz-Expires=9000"), null, null);
    assertThat(altered.status()).isEqualTo(403);
    assertThat(altered.text()).contains("<Code>SignatureDoesNotMatch</Code>");
    assertThat(server.download(url.replaceFirst("/_reports/[^/]+/", "/_reports/nobody/"), null, null).status()).isEqualTo(404);

    calls.advance("{\"minutes\":6}");
    TestServer.Download expired = server.download(url, null, null);
    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.header("Content-Type")).isEqualTo("application/xml");
    assertThat(expired.text()).contains("<Code>AccessDenied</Code>", "<Message>Request has expired</Message>");

    // a new segments call signs a new URL for the same bytes
    JsonNode again = calls.segments(instance.path("id").asText()).getFirst();
    assertThat(again.at("/attributes/url").asText()).isNotEqualTo(url);
    assertThat(calls.download(again)).isEqualTo(first);
    TestServer.Reply single = server.get("/v1/analyticsReportSegments/" + again.path("id").asText());
    assertThat(single.json().at("/data/attributes/checksum").asText()).isEqualTo(again.at("/attributes/checksum").asText());
    assertThat(single.json().at("/data/attributes/url").asText()).contains("X-Amz-Signature=");
  }

  @Test
  void financeSalesAndAdminMayRequestOtherRolesMayNot() {
    for (String role : List.of("FINANCE", "SALES")) {
      TestServer.Key key = server.createKey(role, null);
      TestServer.Reply r = server.send("POST", "/v1/analyticsReportRequests", AnalyticsCalls.body(role.equals("FINANCE") ? APP : OTHER_APP, "ONGOING"), key.token());
      assertThat(r.status()).as(role + " " + r.body()).isEqualTo(201);
      assertThat(server.send("GET", "/v1/analyticsReportRequests/" + r.json().at("/data/id").asText() + "/reports", null, key.token()).status())
          .isEqualTo(200);
    }
    String requestId = server.get("/v1/apps/" + APP + "/analyticsReportRequests").json().at("/data/0/id").asText();
    for (String role : List.of("DEVELOPER", "APP_MANAGER", "MARKETING")) {
      TestServer.Key key = server.createKey(role, null);
      assertThat(server.send("POST", "/v1/analyticsReportRequests", AnalyticsCalls.body("1600000003", "ONGOING"), key.token()).status())
          .as(role).isEqualTo(403);
      assertThat(server.send("GET", "/v1/analyticsReportRequests/" + requestId, null, key.token()).status()).as(role).isEqualTo(403);
    }
    // the deprecated add-on grants report reads only
    TestServer.Key reports = server.createKey(List.of("APP_MANAGER", "ACCESS_TO_REPORTS"), "INDIVIDUAL", null);
    assertThat(server.send("GET", "/v1/analyticsReportRequests/" + requestId, null, reports.token()).status()).isEqualTo(200);
    assertThat(server.send("POST", "/v1/analyticsReportRequests", AnalyticsCalls.body("1600000003", "ONGOING"), reports.token()).status())
        .isEqualTo(403);
  }

  @Test
  void processingSurvivesARestart() throws Exception {
    String requestId = calls.request(APP, "ONGOING");
    server = server.restart();
    calls = new AnalyticsCalls(server);
    calls.advance(2);
    List<JsonNode> daily = calls.instances(calls.reportId(requestId, INSTALLS), "filter[granularity]=DAILY");
    assertThat(daily).isNotEmpty();
    assertThat(calls.rows(daily.getFirst())).isNotEmpty();
  }
}
