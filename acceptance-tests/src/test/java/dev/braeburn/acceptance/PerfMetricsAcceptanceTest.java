package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.spec.Spec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power and performance metrics and diagnostics from the usage model (docs/perf-metrics.md): the
 * xcodeMetrics documents of an app and a build, a build's diagnostic signatures and their logs —
 * spec-valid, filtered as asked, agreeing with the model's numbers in the metrics summary, the
 * same after a restart — and Apple's errors for unknown resources and bad filter values.
 */
class PerfMetricsAcceptanceTest {
  private static final String APP = "1800000042";
  private static final String BUILD = "0b9f3c1e-7a55-4c1e-9d55-0e1e5c0a4201";
  private static final String METRICS_TYPE = "application/vnd.apple.xcode-metrics+json";
  private static final String LOGS_TYPE = "application/vnd.apple.diagnostic-logs+json";
  /** The agreement rule's events per session, by diagnostic type (docs/perf-metrics.md). */
  private static final Map<String, String> PER_SESSION = Map.of("HANGS", "0.025", "LAUNCHES", "0.005", "DISK_WRITES", "0.002");

  private final SchemaValidator validator = new SchemaValidator(Spec.load());
  private TestServer server;
  private String version;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(null);
    Instant now = Instant.parse(ok(server.admin("POST", "/_braeburn/clock/freeze", null, null)).path("now").asText());
    LocalDate today = LocalDate.ofInstant(now, ZoneId.of("America/Los_Angeles"));
    ok(server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"apps","id":"%s","attributes":{"name":"Harbor","bundleId":"com.example.harbor","sku":"HARBOR","primaryLocale":"en-US"}}]}"""
        .formatted(APP), null));
    // seed 7: a release every 42 days; launched 400 days ago, so the window sees three or four versions
    ok(server.admin("PATCH", "/_braeburn/metrics/apps/" + APP + "/model",
        "{\"seed\":7,\"dailyDownloads\":4000,\"launchDate\":\"" + today.minusDays(400) + "\"}", null));
    List<String> versions = versionsInSummary();
    assertThat(versions.size()).as("versions in the window: %s", versions).isGreaterThanOrEqualTo(3);
    version = versions.getLast();
    ok(server.admin("POST", "/_braeburn/resources", """
        {"data":[
          {"type":"preReleaseVersions","id":"prv-harbor","attributes":{"version":"%s","platform":"IOS"},
           "relationships":{"app":{"data":{"type":"apps","id":"%s"}}}},
          {"type":"builds","id":"%s","attributes":{"version":"512","processingState":"VALID"},
           "relationships":{"app":{"data":{"type":"apps","id":"%s"}},"preReleaseVersion":{"data":{"type":"preReleaseVersions","id":"prv-harbor"}}}}]}"""
        .formatted(version, APP, BUILD, APP), null));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anAppsMetricsAreSpecValidWithAPointPerVersionAndDevice() {
    JsonNode doc = metrics("/v1/apps/" + APP + "/perfPowerMetrics");
    assertThat(doc.path("productData")).hasSize(1);
    assertThat(doc.at("/productData/0/platform").asText()).isEqualTo("IOS");
    List<String> categories = new ArrayList<>();
    doc.at("/productData/0/metricCategories").forEach(c -> categories.add(c.path("identifier").asText()));
    assertThat(categories).containsExactly("HANG", "LAUNCH", "MEMORY", "DISK", "BATTERY", "TERMINATION", "ANIMATION", "STORAGE");
    JsonNode launch = metric(doc, "LAUNCH", "launchTime");
    assertThat(launch.at("/unit/identifier").asText()).isEqualTo("ms");
    assertThat(launch.path("goalKeys")).extracting(g -> g.path("goalKey").asText()).containsExactly("good", "fair", "poor");
    List<String> criteria = new ArrayList<>();
    for (JsonNode ds : launch.path("datasets")) {
      criteria.add(ds.at("/filterCriteria/device").asText() + " " + ds.at("/filterCriteria/percentile").asText());
      assertThat(ds.path("points")).extracting(p -> p.path("version").asText()).containsExactlyElementsOf(versionsInSummary());
      for (JsonNode p : ds.path("points")) {
        assertThat(p.path("value").asDouble()).isPositive();
        assertThat(p.path("errorMargin").asDouble()).isPositive().isLessThan(p.path("value").asDouble());
        assertThat(p.path("goal").asText()).isIn("good", "fair", "poor");
      }
    }
    assertThat(criteria).containsExactly("all_iphones percentile.fifty", "all_iphones percentile.ninety",
        "all_ipads percentile.fifty", "all_ipads percentile.ninety");
    JsonNode p50 = launch.at("/datasets/0/points/0/value");
    JsonNode p90 = launch.at("/datasets/1/points/0/value");
    assertThat(p90.asDouble()).isGreaterThan(p50.asDouble());
    for (JsonNode insight : doc.at("/insights/regressions")) {
      assertThat(insight.path("latestVersion").asText()).isEqualTo(version);
      for (JsonNode pop : insight.path("populations")) {
        assertThat(pop.path("deltaPercentage").asDouble()).isGreaterThanOrEqualTo(15);
        assertThat(pop.path("latestVersionValue").asDouble()).isGreaterThan(pop.path("referenceAverageValue").asDouble());
      }
    }
  }

  @Test
  void terminationsAreTheModelsCrashesPerActiveDeviceDay() {
    ok(server.admin("PATCH", "/_braeburn/metrics/apps/" + APP + "/model", "{\"devices\":{\"iPhone\":1}}", null));
    JsonNode byVersion = summary().path("appVersions");
    JsonNode doc = metrics("/v1/apps/" + APP + "/perfPowerMetrics?filter[metricType]=TERMINATION");
    JsonNode datasets = metric(doc, "TERMINATION", "foregroundTerminations").path("datasets");
    assertThat(datasets).hasSize(1);
    assertThat(datasets.at("/0/filterCriteria/device").asText()).isEqualTo("all_iphones");
    int checked = 0;
    for (JsonNode p : datasets.at("/0/points")) {
      JsonNode counts = byVersion.path(p.path("version").asText());
      BigDecimal expected = BigDecimal.valueOf(counts.path("crashes").asLong())
          .divide(BigDecimal.valueOf(counts.path("activeDevices").asLong()), 5, RoundingMode.HALF_EVEN);
      assertThat(p.path("value").decimalValue()).isEqualByComparingTo(expected);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void filtersChooseCategoriesAndDevices() {
    JsonNode doc = metrics("/v1/apps/" + APP + "/perfPowerMetrics?filter[metricType]=HANG,BATTERY&filter[deviceType]=all_ipads&filter[platform]=IOS");
    List<String> categories = new ArrayList<>();
    doc.at("/productData/0/metricCategories").forEach(c -> categories.add(c.path("identifier").asText()));
    assertThat(categories).containsExactly("HANG", "BATTERY");
    for (JsonNode c : doc.at("/productData/0/metricCategories")) {
      for (JsonNode m : c.path("metrics")) {
        assertThat(m.path("datasets")).isNotEmpty().allSatisfy(ds -> assertThat(ds.at("/filterCriteria/device").asText()).isEqualTo("all_ipads"));
      }
    }
    for (JsonNode insight : doc.at("/insights/regressions")) {
      assertThat(insight.path("metricCategory").asText()).isIn("HANG", "BATTERY");
    }
    assertThat(metric(doc, "BATTERY", "onScreenBatteryUsage").at("/datasets/0/points/0/percentageBreakdown/subSystemLabel").asText())
        .isEqualTo("CPU");
  }

  @Test
  void aBuildsMetricsHoldItsVersionOnly() {
    JsonNode doc = metrics("/v1/builds/" + BUILD + "/perfPowerMetrics?filter[metricType]=LAUNCH,MEMORY");
    JsonNode launch = metric(doc, "LAUNCH", "launchTime");
    assertThat(launch.path("datasets")).hasSize(4).allSatisfy(ds -> {
      assertThat(ds.path("points")).hasSize(1);
      assertThat(ds.at("/points/0/version").asText()).isEqualTo(version);
    });
    JsonNode app = metrics("/v1/apps/" + APP + "/perfPowerMetrics?filter[metricType]=LAUNCH");
    JsonNode appPoints = metric(app, "LAUNCH", "launchTime").at("/datasets/0/points");
    assertThat(launch.at("/datasets/0/points/0")).isEqualTo(appPoints.get(appPoints.size() - 1));
  }

  @Test
  void signaturesWeighTheEventsTheModelsSessionsGive() {
    long sessions = summary().path("appVersions").path(version).path("sessions").asLong();
    assertThat(sessions).isPositive();
    JsonNode list = json(server.get("/v1/builds/" + BUILD + "/diagnosticSignatures?limit=200"), "DiagnosticSignaturesResponse");
    Map<String, List<Double>> weights = new LinkedHashMap<>();
    for (JsonNode s : list.path("data")) {
      assertThat(s.path("type").asText()).isEqualTo("diagnosticSignatures");
      assertThat(s.at("/attributes/signature").asText()).startsWith("Harbor");
      assertThat(s.at("/relationships/logs/links/related").asText()).endsWith("/v1/diagnosticSignatures/" + s.path("id").asText() + "/logs");
      weights.computeIfAbsent(s.at("/attributes/diagnosticType").asText(), k -> new ArrayList<>()).add(s.at("/attributes/weight").asDouble());
    }
    assertThat(weights.keySet()).containsExactlyInAnyOrder("HANGS", "LAUNCHES", "DISK_WRITES");
    // The agreement rule: events = sessions × rate (half-even); each weight is a whole number of them.
    weights.forEach((type, ws) -> {
      long events = new BigDecimal(sessions).multiply(new BigDecimal(PER_SESSION.get(type))).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      long sum = 0;
      for (double w : ws) {
        double count = w * events;
        assertThat(count).as("%s weight %s of %d events", type, w, events).isCloseTo(Math.rint(count), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Math.rint(count)).isGreaterThanOrEqualTo(1);
        sum += Math.round(count);
      }
      assertThat(sum).as(type).isEqualTo(events);
    });
    for (JsonNode s : list.path("data")) {
      JsonNode insight = s.at("/attributes/insight");
      assertThat(insight.path("insightType").asText()).isEqualTo("TREND");
      assertThat(insight.path("direction").asText()).isIn("UP", "DOWN", "UNDEFINED");
      assertThat(insight.path("referenceVersions")).isNotEmpty()
          .allSatisfy(r -> assertThat(versionsInSummary()).contains(r.path("version").asText()));
    }
  }

  @Test
  void signaturesAreResourcesOfTheGenericReadPath() {
    JsonNode all = json(server.get("/v1/builds/" + BUILD + "/diagnosticSignatures"), "DiagnosticSignaturesResponse");
    int total = all.at("/meta/paging/total").asInt();
    assertThat(total).isEqualTo(all.path("data").size()).isGreaterThan(3);
    JsonNode hangs = json(server.get("/v1/builds/" + BUILD + "/diagnosticSignatures?filter[diagnosticType]=HANGS&fields[diagnosticSignatures]=weight"),
        "DiagnosticSignaturesResponse");
    assertThat(hangs.path("data")).isNotEmpty().allSatisfy(s -> {
      assertThat(s.path("attributes").properties()).extracting(Map.Entry::getKey).containsExactly("weight");
      assertThat(s.has("relationships")).isFalse();
    });
    List<String> walked = new ArrayList<>();
    String next = "/v1/builds/" + BUILD + "/diagnosticSignatures?limit=2";
    while (next != null) {
      JsonNode page = json(server.get(next), "DiagnosticSignaturesResponse");
      assertThat(page.path("data").size()).isLessThanOrEqualTo(2);
      page.path("data").forEach(s -> walked.add(s.path("id").asText()));
      next = page.at("/links/next").isMissingNode() ? null : page.at("/links/next").asText();
    }
    List<String> ids = new ArrayList<>();
    all.path("data").forEach(s -> ids.add(s.path("id").asText()));
    assertThat(walked).containsExactlyElementsOf(ids);
    JsonNode linkages = json(server.get("/v1/builds/" + BUILD + "/relationships/diagnosticSignatures?limit=200"),
        "BuildDiagnosticSignaturesLinkagesResponse");
    List<String> linked = new ArrayList<>();
    linkages.path("data").forEach(s -> linked.add(s.path("id").asText()));
    assertThat(linked).containsExactlyElementsOf(ids);
  }

  @Test
  void logsCarryCallStackTreesOfTheSignature() {
    JsonNode hang = json(server.get("/v1/builds/" + BUILD + "/diagnosticSignatures?filter[diagnosticType]=HANGS&limit=1"),
        "DiagnosticSignaturesResponse").at("/data/0");
    TestServer.Reply reply = server.get("/v1/diagnosticSignatures/" + hang.path("id").asText() + "/logs?limit=3");
    JsonNode doc = typed(reply, LOGS_TYPE, "diagnosticLogs");
    assertThat(doc.path("productData")).hasSize(1);
    JsonNode product = doc.at("/productData/0");
    assertThat(product.path("signatureId").asText()).isEqualTo(hang.path("id").asText());
    assertThat(product.path("diagnosticLogs")).hasSize(3);
    String blamed = hang.at("/attributes/signature").asText();
    for (JsonNode log : product.path("diagnosticLogs")) {
      JsonNode meta = log.path("diagnosticMetaData");
      assertThat(meta.path("appVersion").asText()).isEqualTo(version);
      assertThat(meta.path("buildVersion").asText()).isEqualTo("512");
      assertThat(meta.path("bundleId").asText()).isEqualTo("com.example.harbor");
      assertThat(meta.path("osVersion").asText()).matches("iOS \\d+\\.\\d+ \\(\\d+[A-Z]\\d+\\)");
      assertThat(meta.path("deviceType").asText()).matches("iP(hone|ad)\\d+,\\d+");
      List<JsonNode> frames = new ArrayList<>();
      JsonNode frame = log.at("/callStackTree/0/callStacks/0/callStackRootFrames/0");
      while (!frame.isMissingNode()) {
        frames.add(frame);
        assertThat(frame.path("binaryUUID").asText()).matches("[0-9A-F-]{36}");
        assertThat(frame.path("offsetIntoBinaryTextSegment").asText()).matches("\\d+");
        frame = frame.at("/subFrames/0");
      }
      assertThat(frames.getFirst().path("symbolName").asText()).isEqualTo("start");
      JsonNode blame = frames.stream().filter(f -> f.path("isBlameFrame").asBoolean()).findFirst().orElseThrow();
      assertThat(blame.path("binaryName").asText() + ": " + blame.path("symbolName").asText()).isEqualTo(blamed);
    }
  }

  @Test
  void everythingIsTheSameTwiceAndAfterARestart() throws Exception {
    String signature = server.get("/v1/builds/" + BUILD + "/diagnosticSignatures").json().at("/data/0/id").asText();
    List<String> paths = List.of("/v1/apps/" + APP + "/perfPowerMetrics", "/v1/builds/" + BUILD + "/perfPowerMetrics",
        "/v1/builds/" + BUILD + "/diagnosticSignatures", "/v1/diagnosticSignatures/" + signature + "/logs");
    List<String> first = new ArrayList<>();
    for (String p : paths) {
      first.add(body(p));
    }
    for (int i = 0; i < paths.size(); i++) {
      assertThat(body(paths.get(i))).as(paths.get(i)).isEqualTo(first.get(i));
    }
    server = server.restart();
    for (int i = 0; i < paths.size(); i++) {
      assertThat(body(paths.get(i))).as("after a restart: " + paths.get(i)).isEqualTo(first.get(i));
    }
  }

  /** A 200 body with this server's address taken out (a restarted server listens on another port). */
  private String body(String path) {
    TestServer.Reply reply = server.get(path);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.body().replace(server.baseUrl(), "");
  }

  @Test
  void aBuildWithoutAModelledVersionHasNoData() {
    ok(server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"builds","id":"bare-build","attributes":{"version":"1","processingState":"VALID"}},
          {"type":"preReleaseVersions","id":"prv-old","attributes":{"version":"0.9","platform":"IOS"},
           "relationships":{"app":{"data":{"type":"apps","id":"%s"}}}},
          {"type":"builds","id":"old-build","attributes":{"version":"2","processingState":"VALID"},
           "relationships":{"app":{"data":{"type":"apps","id":"%s"}},"preReleaseVersion":{"data":{"type":"preReleaseVersions","id":"prv-old"}}}}]}"""
        .formatted(APP, APP), null));
    for (String build : List.of("bare-build", "old-build")) {
      JsonNode doc = metrics("/v1/builds/" + build + "/perfPowerMetrics");
      assertThat(doc.path("productData")).as(build).isEmpty();
      assertThat(doc.at("/insights/regressions")).isEmpty();
      JsonNode list = json(server.get("/v1/builds/" + build + "/diagnosticSignatures"), "DiagnosticSignaturesResponse");
      assertThat(list.path("data")).as(build).isEmpty();
      assertThat(list.at("/meta/paging/total").asInt()).isZero();
    }
  }

  @Test
  void unknownResourcesAndBadFiltersGetApplesErrors() {
    JsonNode e = AppleErrors.onlyError(server.get("/v1/builds/no-such-build/perfPowerMetrics"), 404, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(e.path("detail").asText()).contains("builds").contains("no-such-build");
    AppleErrors.onlyError(server.get("/v1/builds/no-such-build/diagnosticSignatures"), 404, "id", "status", "code", "title", "detail");
    AppleErrors.onlyError(server.get("/v1/apps/1/perfPowerMetrics"), 404, "id", "status", "code", "title", "detail");
    AppleErrors.onlyError(server.get("/v1/diagnosticSignatures/nope/logs"), 404, "id", "status", "code", "title", "detail");
    JsonNode badType = AppleErrors.onlyError(server.get("/v1/apps/" + APP + "/perfPowerMetrics?filter[metricType]=SPEED"), 400,
        "id", "status", "code", "title", "detail", "source");
    assertThat(badType.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(badType.at("/source/parameter").asText()).isEqualTo("filter[metricType]");
    JsonNode badDevice = AppleErrors.onlyError(server.get("/v1/apps/" + APP + "/perfPowerMetrics?filter[deviceType]=toaster"), 400,
        "id", "status", "code", "title", "detail", "source");
    assertThat(badDevice.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(badDevice.at("/source/parameter").asText()).isEqualTo("filter[deviceType]");
    JsonNode badDiagnostic = AppleErrors.onlyError(server.get("/v1/builds/" + BUILD + "/diagnosticSignatures?filter[diagnosticType]=CRASHES"),
        400, "id", "status", "code", "title", "detail", "source");
    assertThat(badDiagnostic.at("/source/parameter").asText()).isEqualTo("filter[diagnosticType]");
  }

  // ---------------------------------------------------------------- helpers

  private JsonNode summary() {
    return ok(server.admin("GET", "/_braeburn/metrics/apps/" + APP, null, null)).path("data");
  }

  private List<String> versionsInSummary() {
    TreeSet<String> sorted = new TreeSet<>(PerfMetricsAcceptanceTest::compareVersions);
    summary().path("appVersions").properties().forEach(e -> {
      if (e.getValue().path("sessions").asLong() > 0) {
        sorted.add(e.getKey());
      }
    });
    return new ArrayList<>(sorted);
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private JsonNode metrics(String path) {
    return typed(server.get(path), METRICS_TYPE, "xcodeMetrics");
  }

  private static JsonNode metric(JsonNode doc, String category, String identifier) {
    for (JsonNode c : doc.at("/productData/0/metricCategories")) {
      if (c.path("identifier").asText().equals(category)) {
        for (JsonNode m : c.path("metrics")) {
          if (m.path("identifier").asText().equals(identifier)) {
            return m;
          }
        }
      }
    }
    throw new AssertionError("no metric " + category + "/" + identifier + " in " + doc);
  }

  private JsonNode typed(TestServer.Reply reply, String contentType, String schema) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo(contentType);
    JsonNode doc = reply.json();
    assertThat(validator.validate(doc, schema)).as("violations of %s", schema).isEmpty();
    return doc;
  }

  private JsonNode json(TestServer.Reply reply, String schema) {
    return typed(reply, "application/json", schema);
  }

  private static JsonNode ok(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
    return reply.json();
  }
}
