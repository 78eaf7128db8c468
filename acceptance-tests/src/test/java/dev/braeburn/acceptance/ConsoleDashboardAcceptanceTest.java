package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Apps pages over HTTP (docs/console.md): the demo team's apps listed as links, and
 * an app's dashboard whose chart totals and territory rows are exactly those of
 * {@code GET /_braeburn/metrics/apps/{id}}, by default and for a chosen range; markup in an app's
 * name is escaped; a bad range or a foreign path is refused.
 */
class ConsoleDashboardAcceptanceTest {
  private static final Pattern CHART = Pattern.compile("<svg class=\"chart\" data-measure=\"(\\w+)\" data-total=\"([^\"]+)\"");
  private static final Pattern TERRITORY_CELL = Pattern.compile(
      "<tr data-territory=\"(\\w+)\">|<td class=\"number\" data-key=\"(\\w+)\" data-value=\"([^\"]+)\">");
  private static TestServer server;
  private static HttpClient browser;
  private static String appId;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo");
    browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_braeburn/console/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(server.server.adminToken(), StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).isEqualTo(200);
    JsonNode apps = ok(server.admin("GET", "/_braeburn/metrics/apps", null, server.issuerId)).path("data");
    assertThat(apps.size()).as("the demo seed's apps").isGreaterThan(0);
    appId = apps.get(0).path("appId").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theAppsPageLinksEveryAppOfTheTeamToItsDashboard() throws Exception {
    String page = page("/_braeburn/console/apps", 200);
    for (JsonNode app : ok(server.admin("GET", "/_braeburn/metrics/apps", null, server.issuerId)).path("data")) {
      assertThat(page).contains("href=\"/_braeburn/console/apps/" + app.path("appId").asText() + "?team=" + server.issuerId + "\"");
    }
    assertThat(page).contains(">Apps</a>");
  }

  @Test
  void theDashboardShowsTheMetricsSummaryTotalsOfTheLastThirtyDays() throws Exception {
    JsonNode summary = ok(server.admin("GET", "/_braeburn/metrics/apps/" + appId, null, server.issuerId)).path("data");
    String page = page("/_braeburn/console/apps/" + appId + "?team=" + server.issuerId, 200);
    assertMatches(page, summary);
    assertThat(page).contains("name=\"from\" value=\"" + summary.path("from").asText() + "\"");
  }

  @Test
  void aChosenRangeShowsThatRangesSummary() throws Exception {
    String range = "from=2026-01-05&to=2026-02-19";
    JsonNode summary = ok(server.admin("GET", "/_braeburn/metrics/apps/" + appId + "?" + range, null, server.issuerId)).path("data");
    String page = page("/_braeburn/console/apps/" + appId + "?team=" + server.issuerId + "&" + range, 200);
    assertMatches(page, summary);
    assertThat(count(page, "<rect class=\"bar\" data-date=")).as("46 days × 2 bar charts").isEqualTo(92);
    assertThat(page).contains("data-date=\"2026-01-05\"", "data-date=\"2026-02-19\"").doesNotContain("data-date=\"2026-02-20\"");
  }

  @Test
  void theTerritoryProceedsOfAPaidAppAddUpToTheSummarysProceeds() throws Exception {
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"apps","id":"1890000002","attributes":{"name":"Paid","bundleId":"com.example.paid","sku":"PAID","primaryLocale":"en-US"}}]}""",
        server.issuerId);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    ok(server.admin("PATCH", "/_braeburn/metrics/apps/1890000002/model", "{\"priceUsd\":2.99,\"territories\":[\"US\",\"DE\",\"JP\"]}",
        server.issuerId));
    String range = "?from=2026-02-01&to=2026-02-28";
    JsonNode summary = ok(server.admin("GET", "/_braeburn/metrics/apps/1890000002" + range, null, server.issuerId)).path("data");
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode t : summary.path("territories")) {
      sum = sum.add(new BigDecimal(t.path("proceedsUsd").asText()));
    }
    BigDecimal total = new BigDecimal(summary.path("totals").path("proceedsUsd").asText());
    assertThat(total).isGreaterThan(new BigDecimal("1000"));
    assertThat(sum).isEqualByComparingTo(total);
    assertMatches(page("/_braeburn/console/apps/1890000002" + range + "&team=" + server.issuerId, 200), summary);
  }

  @Test
  void anAppNameWithMarkupIsEscaped() throws Exception {
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", """
        {"data":[{"type":"apps","id":"1890000001","attributes":{"name":"<b onmouseover='x'>Bold</b> & \\"Co\\"","bundleId":"com.example.<i>","sku":"MARKUP","primaryLocale":"en-US"}}]}""",
        server.issuerId);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String escaped = "&lt;b onmouseover=&#39;x&#39;&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;";
    assertThat(page("/_braeburn/console/apps", 200)).contains(escaped, "com.example.&lt;i&gt;").doesNotContain("<b onmouseover", "<i>");
    assertThat(page("/_braeburn/console/apps/1890000001?team=" + server.issuerId, 200)).contains(escaped).doesNotContain("<b onmouseover");
  }

  @Test
  void aBadRangeAnUnknownAppAndAForeignPathAreRefused() throws Exception {
    assertThat(page("/_braeburn/console/apps/" + appId + "?from=2026-03-01&to=2026-02-01", 400)).contains("is before &#39;from&#39;", "class=\"error\"", "name=\"to\" value=\"2026-02-01\"");
    assertThat(page("/_braeburn/console/apps/" + appId + "?from=%3Cx%3E", 400)).contains("&lt;x&gt;").doesNotContain("<x>");
    assertThat(page("/_braeburn/console/apps/1999999999", 404)).contains("class=\"error\"");
    assertThat(page("/_braeburn/console/apps/" + appId + "/model", 404)).contains("no app here");
  }

  /** Every chart's data-total is the summary's total; every territory row has the summary's numbers. */
  private static void assertMatches(String page, JsonNode summary) {
    Map<String, String> totals = new LinkedHashMap<>();
    Matcher m = CHART.matcher(page);
    while (m.find()) {
      totals.put(m.group(1), m.group(2));
    }
    assertThat(totals).containsOnlyKeys("firstTimeDownloads", "redownloads", "proceedsUsd", "sessions", "activeDevices");
    totals.forEach((key, shown) -> assertThat(new BigDecimal(shown)).as(key)
        .isEqualByComparingTo(new BigDecimal(summary.path("totals").path(key).asText())));
    assertThat(totals.get("firstTimeDownloads")).isEqualTo(summary.path("totals").path("firstTimeDownloads").asText());
    assertThat(page).contains(String.format(java.util.Locale.US, "%,d", summary.path("totals").path("sessions").asLong()));

    List<String> rows = new ArrayList<>();
    String territory = null;
    Matcher cell = TERRITORY_CELL.matcher(page);
    while (cell.find()) {
      if (cell.group(1) != null) {
        territory = cell.group(1);
        rows.add(territory);
      } else {
        JsonNode expected = summary.path("territories").path(territory).path(cell.group(2));
        assertThat(expected.isMissingNode()).as(territory + " " + cell.group(2)).isFalse();
        assertThat(new BigDecimal(cell.group(3))).as(territory + " " + cell.group(2)).isEqualByComparingTo(new BigDecimal(expected.asText()));
      }
    }
    List<String> expectedTerritories = new ArrayList<>();
    summary.path("territories").fieldNames().forEachRemaining(expectedTerritories::add);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedTerritories);
  }

  private static String page(String path, int status) throws Exception {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return r.body();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static JsonNode ok(TestServer.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }
}
