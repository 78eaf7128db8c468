package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an analytics ETL does against the Analytics Reports API (docs/analytics-reports.md): request
 * reports, find a report by name, page through its instances, read segments and download them
 * without a token — verifying checksum and size as careful clients do — and merge instances with
 * "newest processing date wins". Shared by the analytics suites.
 */
final class AnalyticsCalls {
  static final String INSTALLS = "App Store Installation and Deletion Standard";
  static final String INSTALLS_DETAILED = "App Store Installation and Deletion Detailed";
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private final TestServer server;

  AnalyticsCalls(TestServer server) {
    this.server = server;
  }

  static String body(String appId, String accessType) {
    return "{\"data\":{\"type\":\"analyticsReportRequests\",\"attributes\":{\"accessType\":\"" + accessType + "\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + appId + "\"}}}}}";
  }

  TestServer.Reply create(String appId, String accessType) {
    return server.send("POST", "/v1/analyticsReportRequests", body(appId, accessType));
  }

  /** Creates a request and answers its id. */
  String request(String appId, String accessType) {
    TestServer.Reply r = create(appId, accessType);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  /** The id of the request's report called {@code name}, found with {@code filter[name]}. */
  String reportId(String requestId, String name) {
    TestServer.Reply r = server.get("/v1/analyticsReportRequests/" + requestId + "/reports?filter[name]=" + encode(name));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(1);
    return r.json().at("/data/0/id").asText();
  }

  /** Every instance of a report matching {@code query} (e.g. "filter[granularity]=DAILY"), following next links. */
  List<JsonNode> instances(String reportId, String query) {
    return all("/v1/analyticsReports/" + reportId + "/instances?limit=200" + (query.isEmpty() ? "" : "&" + query));
  }

  List<JsonNode> segments(String instanceId) {
    return all("/v1/analyticsReportInstances/" + instanceId + "/segments");
  }

  private List<JsonNode> all(String first) {
    List<JsonNode> out = new ArrayList<>();
    for (String next = first; next != null; ) {
      TestServer.Reply r = server.get(next);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().path("data").forEach(out::add);
      next = r.json().at("/links/next").isTextual() ? r.json().at("/links/next").asText() : null;
    }
    return out;
  }

  /** Downloads a segment's URL without a token and checks it against the segment's checksum and size. */
  byte[] download(JsonNode segment) {
    TestServer.Download d = server.download(segment.at("/attributes/url").asText(), null, null);
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    assertThat(md5(d.body())).isEqualTo(segment.at("/attributes/checksum").asText());
    assertThat((long) d.body().length).isEqualTo(segment.at("/attributes/sizeInBytes").asLong());
    return d.body();
  }

  /** All rows of an instance: every segment downloaded and read by column name. */
  List<Map<String, String>> rows(JsonNode instance) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode segment : segments(instance.path("id").asText())) {
      rows.addAll(ReportFiles.rows(download(segment)));
    }
    return rows;
  }

  /** Rows per Date, each Date taken from the instance with the newest processing date that carries it. */
  Map<LocalDate, List<Map<String, String>>> newestWins(List<JsonNode> instances) {
    Map<LocalDate, List<Map<String, String>>> byDate = new TreeMap<>();
    Map<LocalDate, LocalDate> from = new TreeMap<>();
    for (JsonNode instance : instances) {
      LocalDate processed = processingDate(instance);
      Map<LocalDate, List<Map<String, String>>> rows = new LinkedHashMap<>();
      for (Map<String, String> row : rows(instance)) {
        rows.computeIfAbsent(LocalDate.parse(row.get("Date")), d -> new ArrayList<>()).add(row);
      }
      rows.forEach((date, dateRows) -> {
        if (!from.containsKey(date) || from.get(date).isBefore(processed)) {
          from.put(date, processed);
          byDate.put(date, dateRows);
        }
      });
    }
    return byDate;
  }

  static LocalDate processingDate(JsonNode instance) {
    return LocalDate.parse(instance.at("/attributes/processingDate").asText());
  }

  /** Sum of {@code column} over rows whose {@code filterColumn} is {@code value} (null: all rows). */
  static long sum(List<Map<String, String>> rows, String column, String filterColumn, String value) {
    long total = 0;
    for (Map<String, String> row : rows) {
      if (filterColumn == null || value.equals(row.get(filterColumn))) {
        total += Long.parseLong(row.get(column));
      }
    }
    return total;
  }

  /** The metrics summary's days of an app ({@code GET /_braeburn/metrics/apps/{id}}), by date. */
  Map<LocalDate, JsonNode> summary(String appId, LocalDate from, LocalDate to) {
    TestServer.Reply r = server.admin("GET", "/_braeburn/metrics/apps/" + appId + "?from=" + from + "&to=" + to, null, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Map<LocalDate, JsonNode> out = new TreeMap<>();
    r.json().at("/data/days").forEach(d -> out.put(LocalDate.parse(d.path("date").asText()), d));
    return out;
  }

  Instant advance(int days) {
    return advance("{\"days\":" + days + "}");
  }

  Instant advance(String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Instant.parse(r.json().path("now").asText());
  }

  /** Today in Pacific time on the server's clock. */
  LocalDate today() {
    TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":0}", null);
    return Instant.parse(r.json().path("now").asText()).atZone(PACIFIC).toLocalDate();
  }

  TestServer.Reply scenarios(String body) {
    return server.admin(body == null ? "GET" : "PATCH", "/_braeburn/reports/scenarios", body, null);
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
