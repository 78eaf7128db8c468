package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * App price schedules (docs/commerce/pricing.md, review-pipeline.md §7.1): the same mechanism as an
 * in-app purchase's, and the one truth about what a download costs — the daily SALES report sells
 * the app at its schedule's price per storefront and day, and App Review's "pricing required" rule
 * reads the same schedule.
 */
class AppPriceSchedulesAcceptanceTest extends SalesSuite {
  static final String APP = "1600000001"; // demo seed: Tideline, free (a 0.00 schedule)
  private static final Set<String> DOWNLOADS = Set.of("1", "1T", "F1", "1F");

  private JsonNode points(String appId, String territory) {
    return server.get("/v1/apps/" + appId + "/appPricePoints?filter[territory]=" + territory + "&limit=200").json();
  }

  static String schedule(String appId, String base, String... prices) {
    StringBuilder linkages = new StringBuilder();
    StringBuilder included = new StringBuilder();
    for (int i = 0; i < prices.length; i += 3) {
      String local = "${p" + i + "}";
      linkages.append(i == 0 ? "" : ",").append("{\"type\":\"appPrices\",\"id\":\"").append(local).append("\"}");
      included.append(i == 0 ? "" : ",").append("{\"type\":\"appPrices\",\"id\":\"").append(local)
          .append("\",\"attributes\":{\"startDate\":").append(quoted(prices[i + 1])).append(",\"endDate\":").append(quoted(prices[i + 2]))
          .append("},\"relationships\":{\"appPricePoint\":{\"data\":{\"type\":\"appPricePoints\",\"id\":\"")
          .append(prices[i]).append("\"}}}}");
    }
    return "{\"data\":{\"type\":\"appPriceSchedules\",\"relationships\":{"
        + "\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + appId + "\"}},"
        + "\"baseTerritory\":{\"data\":{\"type\":\"territories\",\"id\":\"" + base + "\"}},"
        + "\"manualPrices\":{\"data\":[" + linkages + "]}}},\"included\":[" + included + "]}";
  }

  private static String quoted(String v) {
    return v == null ? "null" : "\"" + v + "\"";
  }

  @Test
  void aScheduledAppPriceChangeShowsInTheNextDaysSalesReport() {
    LocalDate today = calls.pacificToday();
    LocalDate tomorrow = today.plusDays(1);
    JsonNode usa = points(APP, "USA");
    assertThat(usa.at("/data/0/attributes/customerPrice").asText()).as("apps may be free: the ladder starts at 0.0").isEqualTo("0.0");
    assertThat(server.get("/v1/apps/" + APP + "/appPriceSchedule").json().at("/data/id").asText()).as("seeded").isEqualTo(APP);
    String now = PricePointsAcceptanceTest.byPrice(usa, "1.99").path("id").asText();
    String later = PricePointsAcceptanceTest.byPrice(usa, "2.99").path("id").asText();
    JsonNode japan = points(APP, "JPN").path("data").get(48); // a manual price of its own in Japan
    String japanPoint = japan.path("id").asText();

    TestServer.Reply created = server.send("POST", "/v1/appPriceSchedules", schedule(APP, "USA",
        now, null, tomorrow.toString(), later, tomorrow.toString(), null, japanPoint, null, null));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/data/id").asText()).isEqualTo(APP);
    assertThat(created.header("Location")).endsWith("/v1/appPriceSchedules/" + APP);
    assertThat(server.get("/v1/apps/" + APP + "/appPriceSchedule").json().at("/data/id").asText()).isEqualTo(APP);
    assertThat(server.get("/v1/appPriceSchedules/" + APP + "/baseTerritory").json().at("/data/id").asText()).isEqualTo("USA");
    JsonNode manual = server.get("/v1/appPriceSchedules/" + APP + "/manualPrices?include=appPricePoint").json();
    assertThat(manual.path("data")).as("the seeded free price was replaced").hasSize(3);
    assertThat(manual.at("/data/0/attributes/manual").asBoolean()).isTrue();
    assertThat(manual.at("/data/0/relationships/appPricePoint/data/id").asText()).isEqualTo(now);
    assertThat(manual.at("/data/1/attributes/startDate").asText()).isEqualTo(tomorrow.toString());
    assertThat(manual.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText())
        .containsExactly("1.99", "2.99", japan.at("/attributes/customerPrice").asText());
    JsonNode automatic = server.get("/v1/appPriceSchedules/" + APP + "/automaticPrices?filter[territory]=GBR&include=appPricePoint").json();
    assertThat(automatic.path("data")).hasSize(2);
    assertThat(automatic.at("/data/0/attributes/manual").asBoolean()).isFalse();
    assertThat(server.get("/v1/appPriceSchedules/" + APP + "/automaticPrices?limit=1").json().at("/meta/paging/total").asInt())
        .as("174 territories less Japan's manual price, twice").isEqualTo(173 * 2);
    assertThat(server.get("/v1/appPriceSchedules/" + APP + "/automaticPrices?filter[territory]=JPN").json().path("data")).isEmpty();

    // what each storefront pays from tomorrow: the USA price equalized, Japan its own
    Map<String, JsonNode> equalized = new HashMap<>();
    server.get("/v3/appPricePoints/" + later + "/equalizations?limit=200").json().path("data")
        .forEach(p -> equalized.put(p.at("/relationships/territory/data/id").asText(), p.path("attributes")));
    equalized.put("USA", PricePointsAcceptanceTest.byPrice(usa, "2.99").path("attributes"));
    equalized.put("JPN", japan.path("attributes"));

    calls.advanceTo(SalesCalls.pacific(today.plusDays(2), 12));
    List<Map<String, String>> before = downloads(today);
    List<Map<String, String>> after = downloads(tomorrow);
    assertThat(before).isNotEmpty().anySatisfy(r -> assertThat(r.get("Country Code")).isEqualTo("US"))
        .allSatisfy(r -> {
          if (r.get("Country Code").equals("US")) {
            assertThat(r.get("Customer Price")).isEqualTo("1.99");
            assertThat(r.get("Developer Proceeds")).isEqualTo("1.39");
          }
        });
    assertThat(after).isNotEmpty().anySatisfy(r -> assertThat(r.get("Country Code")).isEqualTo("JP")).allSatisfy(row -> {
      JsonNode point = equalized.get(Locale.of("", row.get("Country Code")).getISO3Country());
      assertThat(new BigDecimal(row.get("Customer Price"))).as(row.toString())
          .isEqualByComparingTo(point.path("customerPrice").asText());
      assertThat(new BigDecimal(row.get("Developer Proceeds"))).as(row.toString())
          .isEqualByComparingTo(point.path("proceeds").asText());
    });
  }

  /** The app's first-time downloads (the rows that cost money) of {@code day}'s daily SALES summary. */
  private List<Map<String, String>> downloads(LocalDate day) {
    TestServer.Download d = calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "DAILY", "reportDate", day.toString());
    assertThat(d.status()).isEqualTo(200);
    return SalesCalls.rows(d).stream()
        .filter(r -> r.get("Apple Identifier").equals(APP) && DOWNLOADS.contains(r.get("Product Type Identifier"))).toList();
  }

  @Test
  void appReviewsPricingRuleReadsTheScheduleSetThroughTheApi() {
    ReviewCalls review = new ReviewCalls(server);
    ReviewCalls.App app = review.loadNewApp("1700000301");
    String submission = review.submission(app.id());
    JsonNode unpriced = review.addVersion(submission, app.version()).json().at("/errors/0/meta/associatedErrors");
    assertThat(unpriced.has("/v2/appPrices/")).as("a never-released app without a price").isTrue();
    assertThat(server.get("/v1/apps/" + app.id() + "/appPriceSchedule").json().path("data").isNull()).isTrue();

    String free = PricePointsAcceptanceTest.byPrice(points(app.id(), "USA"), "0.0").path("id").asText();
    TestServer.Reply created = server.send("POST", "/v1/appPriceSchedules", schedule(app.id(), "USA", free, null, null));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode priced = review.addVersion(submission, app.version()).json().at("/errors/0/meta/associatedErrors");
    assertThat(priced.has("/v2/appPrices/")).as("free is a price (§7.1)").isFalse();
    assertThat(priced.has("/v1/apps/" + app.id())).as("the other problems remain").isTrue();
  }

  @Test
  void appSchedulesAreRefusedAsInAppPurchaseSchedulesAre() {
    LocalDate tomorrow = calls.pacificToday().plusDays(1);
    String price = PricePointsAcceptanceTest.byPrice(points(APP, "USA"), "0.99").path("id").asText();
    TestServer.Reply noBase = server.send("POST", "/v1/appPriceSchedules", schedule(APP, "USA", price, tomorrow.toString(), null));
    assertThat(noBase.status()).isEqualTo(409);
    assertThat(noBase.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(noBase.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/relationships/baseTerritory/data");
    String otherApps = PricePointsAcceptanceTest.byPrice(points("1600000002", "USA"), "0.99").path("id").asText();
    TestServer.Reply foreign = server.send("POST", "/v1/appPriceSchedules", schedule(APP, "USA", otherApps, null, null));
    assertThat(foreign.status()).isEqualTo(409);
    assertThat(foreign.json().at("/errors/0/source/pointer").asText()).isEqualTo("/included/0/relationships/appPricePoint/data");
    assertThat(foreign.header("X-Braeburn-Diagnosis")).contains("GET /v1/apps/" + APP + "/appPricePoints");
    TestServer.Reply unknown = server.send("POST", "/v1/appPriceSchedules", schedule("1799999999", "USA", price, null, null));
    assertThat(unknown.status()).isEqualTo(409);
    assertThat(unknown.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/relationships/app/data");
  }
}
