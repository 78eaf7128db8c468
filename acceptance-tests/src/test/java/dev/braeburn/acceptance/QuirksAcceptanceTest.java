package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apple's quirks on demand ({@code /_braeburn/quirks}, docs/faults.md#quirks): each off by default,
 * switched per team, journaled and named in {@code X-Braeburn-Diagnosis} when it changes an answer.
 */
class QuirksAcceptanceTest {
  static TestServer server;
  static final String APP = "1700000917";
  static final String LOCALIZATION = "loc-917";
  static final int PURCHASES = 5;
  static final String BUILD = "build-917";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null, c -> c.withTlsPort(0)); // https for dfabulich's client, which takes http links for relative ones
    StringBuilder data = new StringBuilder("{\"data\":[{\"type\":\"apps\",\"id\":\"" + APP + "\",\"attributes\":{\"name\":\"Quirky\","
        + "\"bundleId\":\"com.example.quirky\",\"sku\":\"QUIRKY\",\"primaryLocale\":\"en-US\"}}");
    for (int i = 0; i < PURCHASES; i++) {
      data.append(",{\"type\":\"inAppPurchases\",\"id\":\"iap-").append(i).append("\",\"attributes\":{\"name\":\"Coins ").append(i)
          .append("\",\"productId\":\"com.example.quirky.coins").append(i).append("\",\"inAppPurchaseType\":\"CONSUMABLE\"},")
          .append("\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"").append(APP).append("\"}}}}");
    }
    data.append(",{\"type\":\"builds\",\"id\":\"" + BUILD + "\",\"attributes\":{\"version\":\"917\",\"computedMinVisionOsVersion\":\"1.0\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}");
    data.append(",{\"type\":\"appStoreVersions\",\"id\":\"ver-917\",\"attributes\":{\"versionString\":\"1.0\",\"platform\":\"IOS\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + APP + "\"}}}}");
    data.append(",{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + LOCALIZATION + "\",\"attributes\":{\"locale\":\"en-US\"},"
        + "\"relationships\":{\"appStoreVersion\":{\"data\":{\"type\":\"appStoreVersions\",\"id\":\"ver-917\"}}}}");
    for (String display : List.of("APP_IPHONE_67", "APP_IPAD_PRO_3GEN_129")) {
      data.append(",{\"type\":\"appScreenshotSets\",\"id\":\"set-").append(display).append("\",\"attributes\":{\"screenshotDisplayType\":\"")
          .append(display).append("\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":{\"type\":\"appStoreVersionLocalizations\",\"id\":\"")
          .append(LOCALIZATION).append("\"}}}}");
    }
    TestServer.Reply loaded = server.admin("POST", "/_braeburn/resources", data.append("]}").toString(), null);
    assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void everyQuirkOff() {
    for (JsonNode quirk : server.admin("GET", "/_braeburn/quirks", null, null).json().path("quirks")) {
      server.admin("DELETE", "/_braeburn/quirks/" + quirk.path("name").asText(), null, null);
    }
  }

  @Test
  void theTableListsEveryQuirkOffByDefaultAndSwitchesPerTeam() {
    JsonNode all = server.admin("GET", "/_braeburn/quirks", null, null).json();
    assertThat(all.path("quirks")).extracting(q -> q.path("name").asText())
        .contains("endlessNextOnEmptyPages", "slowIncludePages", "ignoredScreenshotDisplayTypeFilter", "delayedFirstInstances", "skippedDate");
    assertThat(all.path("quirks")).allMatch(q -> !q.path("enabled").asBoolean());
    assertThat(all.at("/quirks/1/params/msPerIncluded").asInt()).isEqualTo(20);

    TestServer.Reply on = server.admin("PUT", "/_braeburn/quirks/slowIncludePages", "{\"msPerIncluded\":7}", null);
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    assertThat(on.json().path("enabled").asBoolean()).isTrue();
    assertThat(on.json().at("/params/msPerIncluded").asInt()).isEqualTo(7);
    assertThat(on.header("X-Braeburn-Diagnosis")).contains("slowIncludePages switched on");
    String other = server.createTeam("Other");
    assertThat(server.admin("GET", "/_braeburn/quirks/slowIncludePages", null, other).json().path("enabled").asBoolean()).isFalse();

    for (String bad : List.of("{\"msPerIncluded\":-1}", "{\"msPerIncluded\":\"fast\"}", "{\"speed\":1}", "{\"enabled\":\"yes\"}")) {
      TestServer.Reply r = server.admin("PUT", "/_braeburn/quirks/slowIncludePages", bad, null);
      assertThat(r.status()).as(bad).isEqualTo(409);
      assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    }
    assertThat(server.admin("PUT", "/_braeburn/quirks/skippedDate", "{}", null).status()).as("a date is required").isEqualTo(409);
    assertThat(server.admin("PUT", "/_braeburn/quirks/noSuchQuirk", "{}", null).status()).isEqualTo(404);
    assertThat(server.admin("POST", "/_braeburn/quirks", "{}", null).status()).isEqualTo(405);
    assertThat(server.admin("DELETE", "/_braeburn/quirks/slowIncludePages", null, null).status()).isEqualTo(204);
    assertThat(server.admin("GET", "/_braeburn/quirks/slowIncludePages", null, null).json().path("enabled").asBoolean()).isFalse();
  }

  @Test
  void theAnalyticsScenariosAreQuirkRowsUnderBothRoutes() {
    TestServer.Reply old = server.admin("PATCH", "/_braeburn/reports/scenarios", "{\"lateRevisions\":true,\"skippedDate\":\"2026-01-02\",\"inactivityDays\":0}", null);
    assertThat(old.status()).as(old.body()).isEqualTo(200);
    assertThat(server.admin("GET", "/_braeburn/quirks/lateRevisions", null, null).json().path("enabled").asBoolean()).isTrue();
    assertThat(server.admin("GET", "/_braeburn/quirks/skippedDate", null, null).json().at("/params/date").asText()).isEqualTo("2026-01-02");
    assertThat(server.admin("GET", "/_braeburn/quirks/inactivityDays", null, null).json().at("/params/days").asInt()).isZero();

    server.admin("PUT", "/_braeburn/quirks/privacyThreshold", null, null);
    server.admin("DELETE", "/_braeburn/quirks/lateRevisions", null, null);
    JsonNode scenarios = server.admin("GET", "/_braeburn/reports/scenarios", null, null).json();
    assertThat(scenarios.path("privacyThreshold").asBoolean()).isTrue();
    assertThat(scenarios.path("lateRevisions").asBoolean()).isFalse();
    assertThat(scenarios.path("inactivityDays").asInt()).isZero();
  }

  @Test
  void endlessNextKeepsAnEmptyInAppPurchasePageGoingOnlyWhileOn() {
    List<JsonNode> off = walk("/v1/apps/" + APP + "/inAppPurchasesV2?limit=2", 10);
    assertThat(off).hasSize(3);
    assertThat(off.getLast().path("links").has("next")).isFalse();
    assertThat(off.getLast().at("/meta/paging").has("nextCursor")).isFalse();

    server.admin("PUT", "/_braeburn/quirks/endlessNextOnEmptyPages", "{}", null);
    TestServer.Reply last = server.get(off.get(1).at("/links/next").asText());
    assertThat(last.json().path("data")).hasSize(1);
    String next = last.json().at("/links/next").asText();
    assertThat(next).startsWith(server.baseUrl() + "/v1/apps/" + APP + "/inAppPurchasesV2?cursor=").contains("limit=2");
    assertThat(last.json().at("/meta/paging/nextCursor").asText()).isNotEmpty();
    assertThat(last.header("X-Braeburn-Diagnosis")).contains("endlessNextOnEmptyPages");
    TestServer.Reply empty = server.get(next);
    assertThat(empty.json().path("data")).isEmpty();
    assertThat(empty.json().at("/meta/paging/total").asInt()).isEqualTo(PURCHASES);
    assertThat(empty.json().at("/links/next").asText()).isNotEqualTo(next).contains("cursor=");
    assertThat(empty.json().at("/meta/paging/nextCursor").asText()).isNotEmpty();
    JsonNode journal = server.admin("GET", "/_braeburn/requests", null, null).json();
    assertThat(journal.toString()).contains("Quirk endlessNextOnEmptyPages applied");

    assertThat(server.get("/v1/apps?limit=1").json().path("links").has("next")).as("other listings end as before").isFalse();

    server.admin("DELETE", "/_braeburn/quirks/endlessNextOnEmptyPages", null, null);
    JsonNode after = server.get(empty.json().at("/links/next").asText()).json();
    assertThat(after.path("data")).isEmpty();
    assertThat(after.path("links").has("next")).as("switched off, the walk ends").isFalse();
  }

  /**
   * The pager test of issue 17: a pager following links.next until it is absent is trapped (still
   * being sent on after 50 pages), while one that halts on an empty page, as dfabulich's
   * node-app-store-connect-api does with haltPaginationOnEmptyData, gets every purchase and stops.
   */
  @Test
  void endlessNextTrapsANaivePagerButNotOneThatHaltsOnEmptyData() {
    server.admin("PUT", "/_braeburn/quirks/endlessNextOnEmptyPages", null, null);
    String first = "/v1/apps/" + APP + "/inAppPurchasesV2?limit=2";
    List<JsonNode> naive = walk(first, 50);
    assertThat(naive).hasSize(50);
    assertThat(naive.getLast().path("data")).isEmpty();
    assertThat(naive.getLast().at("/links/next").isTextual()).as("still sent on after 50 pages").isTrue();

    List<String> ids = new ArrayList<>();
    String next = first;
    int pages = 0;
    while (next != null) { // dfabulich's rule: follow links.next only while the page has data
      JsonNode page = server.get(next).json();
      pages++;
      page.path("data").forEach(d -> ids.add(d.path("id").asText()));
      next = page.at("/links/next").isTextual() && !page.path("data").isEmpty() ? page.at("/links/next").asText() : null;
    }
    assertThat(ids).hasSize(PURCHASES).doesNotHaveDuplicates();
    assertThat(pages).isEqualTo(4);
  }

  /**
   * The same with dfabulich's own pager ({@code pager.mjs}, node-app-store-connect-api 5.0.6): by
   * default ({@code haltPaginationOnEmptyData: false}) it follows links.next until cut off after 60
   * requests; with it, it returns the five purchases. Skipped without node or node_modules.
   */
  @Test
  void dfabulichsPagerIsTrappedUnlessItHaltsOnEmptyData() throws Exception {
    Path project = Path.of("src/test/node");
    assumeTrue(Files.isDirectory(project.resolve("node_modules/node-app-store-connect-api")), "run npm ci --prefix acceptance-tests/src/test/node");
    assumeTrue(Processes.runs("node", "--version"), "node is not installed");
    server.admin("PUT", "/_braeburn/quirks/endlessNextOnEmptyPages", null, null);
    JsonNode key = server.admin("POST", "/_braeburn/keys", "{\"role\":\"ADMIN\",\"type\":\"TEAM\"}", null).json();
    Path roots = Files.writeString(Files.createTempFile("braeburn-roots", ".pem"),
        server.send("GET", "/_braeburn/ca/roots.pem", null, null).body());
    ProcessBuilder pb = new ProcessBuilder("node", "pager.mjs").directory(project.toFile()).redirectErrorStream(true);
    pb.environment().put("NODE_EXTRA_CA_CERTS", roots.toString());
    pb.environment().put("BASE_URL", server.httpsBaseUrl());
    pb.environment().put("ISSUER_ID", key.path("issuerId").asText());
    pb.environment().put("KEY_ID", key.path("keyId").asText());
    pb.environment().put("PRIVATE_KEY_PEM", key.path("privateKey").asText());
    pb.environment().put("APP_ID", APP);
    String output = Processes.output(pb, 120);
    List<JsonNode> runs = new ArrayList<>();
    for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
      runs.add(TestServer.JSON.readTree(line));
    }
    assertThat(runs).as(output).hasSize(2);
    assertThat(runs.get(0).path("trapped").asBoolean()).as(output).isTrue();
    assertThat(runs.get(1).path("trapped").asBoolean()).as(output).isFalse();
    assertThat(runs.get(1).path("purchases").asInt()).as(output).isEqualTo(PURCHASES);
    assertThat(runs.get(1).path("requests").asInt()).as(output).isEqualTo(4);
  }

  @Test
  void slowIncludePagesAddLatencyInProportionToWhatTheyInclude() {
    String sets = "/v1/appStoreVersionLocalizations/" + LOCALIZATION + "/appScreenshotSets";
    String included = sets + "?include=appStoreVersionLocalization";
    server.admin("PUT", "/_braeburn/quirks/slowIncludePages", "{\"msPerIncluded\":300,\"maxMs\":1000}", null);
    long started = System.nanoTime();
    TestServer.Reply slow = server.get(included);
    long slowMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(slow.status()).isEqualTo(200);
    assertThat(slow.json().path("included")).hasSize(1);
    assertThat(slowMillis).as("one included localization at 300 ms").isGreaterThanOrEqualTo(300);
    assertThat(slow.header("X-Braeburn-Diagnosis")).contains("slowIncludePages").contains("300 ms");

    TestServer.Reply plain = server.get(sets);
    assertThat(plain.header("X-Braeburn-Diagnosis")).as("nothing included, nothing added").isNull();

    server.admin("DELETE", "/_braeburn/quirks/slowIncludePages", null, null);
    assertThat(server.get(included).header("X-Braeburn-Diagnosis")).isNull();
  }

  @Test
  void theScreenshotDisplayTypeFilterIsIgnoredOnlyWhenAsked() {
    String filtered = "/v1/appStoreVersionLocalizations/" + LOCALIZATION + "/appScreenshotSets?filter[screenshotDisplayType]=APP_IPHONE_67";
    TestServer.Reply spec = server.get(filtered);
    assertThat(spec.status()).as(spec.body()).isEqualTo(200);
    assertThat(spec.json().path("data")).hasSize(1);

    server.admin("PUT", "/_braeburn/quirks/ignoredScreenshotDisplayTypeFilter", "{\"enabled\":true}", null);
    TestServer.Reply apple = server.get(filtered);
    assertThat(apple.json().path("data")).hasSize(2);
    assertThat(apple.header("X-Braeburn-Diagnosis")).contains("ignoredScreenshotDisplayTypeFilter");
  }

  /**
   * Apple's payloads carry what the spec lacks (protocol.md §8): on, apps have streamlinedBuyEnabled
   * (also when included), builds computedMinRealityOsVersion, and a device just registered reads
   * PROCESSING until the window of the virtual clock has passed; only on the wire, never stored.
   */
  @Test
  void undocumentedValuesAppearOnTheWireOnlyWhileOn() {
    TestServer.Reply device = server.send("POST", "/v1/devices", "{\"data\":{\"type\":\"devices\",\"attributes\":{\"name\":\"Quirky phone\","
        + "\"udid\":\"00008101-001A2B3C4D5E917E\",\"platform\":\"IOS\"}}}");
    assertThat(device.status()).as(device.body()).isEqualTo(201);
    String deviceId = device.json().at("/data/id").asText();
    JsonNode offApp = server.get("/v1/apps/" + APP).json();
    assertThat(offApp.at("/data/attributes").has("streamlinedBuyEnabled")).isFalse();
    assertThat(server.get("/v1/builds/" + BUILD).json().at("/data/attributes").has("computedMinRealityOsVersion")).isFalse();
    TestServer.Reply offDevice = server.get("/v1/devices/" + deviceId);
    assertThat(offDevice.json().at("/data/attributes/status").asText()).isEqualTo("ENABLED");
    assertThat(offDevice.header("X-Braeburn-Diagnosis")).isNull();

    server.admin("PUT", "/_braeburn/quirks/undocumentedValues", null, null);
    TestServer.Reply app = server.get("/v1/apps/" + APP);
    assertThat(app.json().at("/data/attributes/streamlinedBuyEnabled").isBoolean()).isTrue();
    assertThat(app.json().at("/data/attributes/streamlinedBuyEnabled").asBoolean()).isFalse();
    assertThat(app.header("X-Braeburn-Diagnosis")).contains("Quirk undocumentedValues applied").contains("apps.streamlinedBuyEnabled");
    TestServer.Reply build = server.get("/v1/builds/" + BUILD + "?include=app");
    assertThat(build.json().at("/data/attributes/computedMinRealityOsVersion").asText()).isEqualTo("1.0");
    assertThat(build.json().at("/included/0/attributes/streamlinedBuyEnabled").isBoolean()).as("included apps too").isTrue();
    assertThat(server.get("/v1/apps/" + APP + "?fields[apps]=name").json().at("/data/attributes").has("streamlinedBuyEnabled"))
        .as("a sparse fieldset names only the spec's attributes").isFalse();
    TestServer.Reply processing = server.get("/v1/devices/" + deviceId);
    assertThat(processing.json().at("/data/attributes/status").asText()).isEqualTo("PROCESSING");
    assertThat(processing.header("X-Braeburn-Diagnosis")).contains("undocumentedValues").contains("devices.status PROCESSING");
    assertThat(server.get("/v1/devices?filter[status]=ENABLED").json().path("data"))
        .as("stored as ENABLED, rendered PROCESSING").anyMatch(d -> d.path("id").asText().equals(deviceId)
            && d.at("/attributes/status").asText().equals("PROCESSING"));

    server.admin("POST", "/_braeburn/clock/advance", "{\"minutes\":11}", null);
    assertThat(server.get("/v1/devices/" + deviceId).json().at("/data/attributes/status").asText()).as("past the 10 minutes").isEqualTo("ENABLED");

    server.admin("DELETE", "/_braeburn/quirks/undocumentedValues", null, null);
    TestServer.Reply off = server.get("/v1/apps/" + APP);
    assertThat(off.json()).isEqualTo(offApp);
    assertThat(off.header("X-Braeburn-Diagnosis")).isNull();
  }

  /** Follows links.next until it is absent or {@code max} pages have come. */
  private static List<JsonNode> walk(String first, int max) {
    List<JsonNode> pages = new ArrayList<>();
    String next = first;
    while (next != null && pages.size() < max) {
      TestServer.Reply reply = server.get(next);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode page = reply.json();
      pages.add(page);
      next = page.at("/links/next").isTextual() ? page.at("/links/next").asText() : null;
    }
    return pages;
  }
}
