package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In-app purchase price schedules and subscription prices (docs/commerce/pricing.md): manual
 * prices stored, automatic prices equalized from the base territory, Apple's refusals, scheduled
 * changes on the virtual clock — and the one truth: the daily SALES report sells at the store's
 * price, so a change scheduled for tomorrow shows in tomorrow's rows.
 */
class PriceSchedulesAcceptanceTest extends SalesSuite {
  static final String IAP = "6752100103"; // demo seed: Tideline's Tip Jar Small (consumable, approved)
  static final String SUBSCRIPTION = "6752100301";

  private String point(String product, String path, String customerPrice) {
    JsonNode list = server.get(path + "?filter[territory]=USA&limit=8000").json();
    return PricePointsAcceptanceTest.byPrice(list, customerPrice).path("id").asText();
  }

  private String iapPoint(String customerPrice) {
    return point(IAP, "/v2/inAppPurchases/" + IAP + "/pricePoints", customerPrice);
  }

  static String schedule(String base, String... prices) {
    StringBuilder linkages = new StringBuilder();
    StringBuilder included = new StringBuilder();
    for (int i = 0; i < prices.length; i += 3) {
      String local = "${p" + i + "}";
      linkages.append(i == 0 ? "" : ",").append("{\"type\":\"inAppPurchasePrices\",\"id\":\"").append(local).append("\"}");
      included.append(i == 0 ? "" : ",").append("{\"type\":\"inAppPurchasePrices\",\"id\":\"").append(local)
          .append("\",\"attributes\":{\"startDate\":").append(quoted(prices[i + 1])).append(",\"endDate\":").append(quoted(prices[i + 2]))
          .append("},\"relationships\":{\"inAppPurchasePricePoint\":{\"data\":{\"type\":\"inAppPurchasePricePoints\",\"id\":\"")
          .append(prices[i]).append("\"}}}}");
    }
    return "{\"data\":{\"type\":\"inAppPurchasePriceSchedules\",\"relationships\":{"
        + "\"inAppPurchase\":{\"data\":{\"type\":\"inAppPurchases\",\"id\":\"" + IAP + "\"}},"
        + "\"baseTerritory\":{\"data\":{\"type\":\"territories\",\"id\":\"" + base + "\"}},"
        + "\"manualPrices\":{\"data\":[" + linkages + "]}}},\"included\":[" + included + "]}";
  }

  private static String quoted(String v) {
    return v == null ? "null" : "\"" + v + "\"";
  }

  private JsonNode refused(TestServer.Reply r, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().at("/errors/0/code").asText()).isEqualTo(code);
    assertThat(r.header("X-Braeburn-Diagnosis")).isNotBlank();
    return r.json().at("/errors/0");
  }

  @Test
  void aScheduledPriceChangeShowsInTheNextDaysSalesReport() {
    LocalDate today = calls.pacificToday();
    LocalDate tomorrow = today.plusDays(1);
    String now = iapPoint("1.99");
    String later = iapPoint("4.99");
    TestServer.Reply created = server.send("POST", "/v1/inAppPurchasePriceSchedules",
        schedule("USA", now, null, tomorrow.toString(), later, tomorrow.toString(), null));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/data/id").asText()).isEqualTo(IAP);
    assertThat(created.header("Location")).endsWith("/v1/inAppPurchasePriceSchedules/" + IAP);
    assertThat(server.get("/v2/inAppPurchases/" + IAP + "/iapPriceSchedule").json().at("/data/id").asText()).isEqualTo(IAP);
    assertThat(server.get("/v1/inAppPurchasePriceSchedules/" + IAP + "/baseTerritory").json().at("/data/id").asText()).isEqualTo("USA");

    JsonNode manual = server.get("/v1/inAppPurchasePriceSchedules/" + IAP + "/manualPrices?include=inAppPurchasePricePoint").json();
    assertThat(manual.path("data")).hasSize(2);
    assertThat(manual.at("/data/0/attributes/manual").asBoolean()).isTrue();
    assertThat(manual.at("/data/0/relationships/inAppPurchasePricePoint/data/id").asText()).isEqualTo(now);
    assertThat(manual.at("/data/1/attributes/startDate").asText()).isEqualTo(tomorrow.toString());
    assertThat(manual.path("included")).hasSize(2);
    JsonNode automatic = server.get("/v1/inAppPurchasePriceSchedules/" + IAP + "/automaticPrices?filter[territory]=JPN&include=inAppPurchasePricePoint").json();
    assertThat(automatic.path("data")).hasSize(2);
    assertThat(automatic.at("/data/0/attributes/manual").asBoolean()).isFalse();
    assertThat(server.get("/v1/inAppPurchasePriceSchedules/" + IAP + "/automaticPrices?limit=1").json().at("/meta/paging/total").asInt())
        .isEqualTo(174 * 2);

    // what each storefront pays from tomorrow, as the price points say
    Map<String, JsonNode> equalized = new HashMap<>();
    server.get("/v1/inAppPurchasePricePoints/" + later + "/equalizations?limit=200").json().path("data")
        .forEach(p -> equalized.put(p.at("/relationships/territory/data/id").asText(), p.path("attributes")));
    equalized.put("USA", PricePointsAcceptanceTest.byPrice(server.get("/v2/inAppPurchases/" + IAP + "/pricePoints?filter[territory]=USA&limit=8000").json(), "4.99").path("attributes"));

    calls.advanceTo(SalesCalls.pacific(today.plusDays(2), 12));
    List<Map<String, String>> before = product(today);
    List<Map<String, String>> after = product(tomorrow);
    assertThat(before).isNotEmpty().allSatisfy(r -> {
      if (r.get("Country Code").equals("US")) {
        assertThat(r.get("Customer Price")).isEqualTo("1.99");
      }
    });
    assertThat(after).isNotEmpty().allSatisfy(row -> {
      JsonNode point = equalized.get(Locale.of("", row.get("Country Code")).getISO3Country());
      assertThat(new java.math.BigDecimal(row.get("Customer Price")).abs())
          .as(row.toString()).isEqualByComparingTo(point.path("customerPrice").asText().replace("0.0", "0"));
      assertThat(new java.math.BigDecimal(row.get("Developer Proceeds"))).as(row.toString())
          .isEqualByComparingTo(point.path("proceeds").asText());
    });
  }

  private List<Map<String, String>> product(LocalDate day) {
    TestServer.Download d = calls.sales(server.token(), "vendorNumber", vendor, "reportType", "SALES", "reportSubType", "SUMMARY",
        "frequency", "DAILY", "reportDate", day.toString());
    assertThat(d.status()).isEqualTo(200);
    return SalesCalls.rows(d).stream().filter(r -> r.get("Apple Identifier").equals(IAP)).toList();
  }

  @Test
  void applesRefusalsForSchedulesNameWhatIsWrong() {
    LocalDate tomorrow = calls.pacificToday().plusDays(1);
    String a = iapPoint("0.99");
    String b = iapPoint("2.99");
    JsonNode overlap = refused(server.send("POST", "/v1/inAppPurchasePriceSchedules",
        schedule("USA", a, null, null, b, tomorrow.toString(), null)), "ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(overlap.path("detail").asText()).contains("overlapping");
    JsonNode noBase = refused(server.send("POST", "/v1/inAppPurchasePriceSchedules",
        schedule("USA", b, tomorrow.toString(), null)), "ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(noBase.at("/source/pointer").asText()).isEqualTo("/data/relationships/baseTerritory/data");
    String otherProducts = point("6752100104", "/v2/inAppPurchases/6752100104/pricePoints", "0.99");
    JsonNode foreign = refused(server.send("POST", "/v1/inAppPurchasePriceSchedules", schedule("USA", otherProducts, null, null)),
        "ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(foreign.at("/source/pointer").asText()).isEqualTo("/included/0/relationships/inAppPurchasePricePoint/data");
    JsonNode past = refused(server.send("POST", "/v1/inAppPurchasePriceSchedules",
        schedule("USA", a, "2020-01-01", null)), "ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(past.at("/source/pointer").asText()).isEqualTo("/included/0/attributes/startDate");
    String badId = schedule("USA", a, null, null).replace("${p0}", "USA");
    JsonNode id = refused(server.send("POST", "/v1/inAppPurchasePriceSchedules", badId), "ENTITY_ERROR.INCLUDED.INVALID_ID");
    assertThat(id.path("detail").asText()).isEqualTo("The provided included entity id 'USA' has invalid format");
  }

  @Test
  void subscriptionPriceChangesAreScheduledAndOnlyFutureOnesWithdrawn() {
    LocalDate tomorrow = calls.pacificToday().plusDays(1);
    String path = "/v1/subscriptions/" + SUBSCRIPTION + "/pricePoints";
    String body = "{\"data\":{\"type\":\"subscriptionPrices\",\"attributes\":{\"startDate\":%s,\"preserveCurrentPrice\":true},"
        + "\"relationships\":{\"subscription\":{\"data\":{\"type\":\"subscriptions\",\"id\":\"" + SUBSCRIPTION + "\"}},"
        + "\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\"%s\"}}}}}";
    TestServer.Reply future = server.send("POST", "/v1/subscriptionPrices", body.formatted(quoted(tomorrow.toString()), point(SUBSCRIPTION, path, "12.99")));
    assertThat(future.status()).as(future.body()).isEqualTo(201);
    assertThat(future.json().at("/data/attributes/preserved").asBoolean()).isTrue();
    assertThat(future.json().at("/data/relationships/territory/data/id").asText()).isEqualTo("USA");
    // the demo seed's current $9.99 price, then the scheduled change
    JsonNode prices = server.get("/v1/subscriptions/" + SUBSCRIPTION + "/prices?include=subscriptionPricePoint").json();
    assertThat(prices.path("data")).extracting(p -> p.at("/attributes/startDate").asText()).containsExactly("2026-01-01", tomorrow.toString());
    assertThat(prices.path("included")).extracting(p -> p.at("/attributes/customerPrice").asText()).containsExactly("9.99", "12.99");
    assertThat(server.send("DELETE", "/v1/subscriptionPrices/" + future.json().at("/data/id").asText(), null).status()).isEqualTo(204);

    TestServer.Reply current = server.send("POST", "/v1/subscriptionPrices", body.formatted("null", point(SUBSCRIPTION, path, "9.99")));
    assertThat(current.status()).as(current.body()).isEqualTo(201);
    JsonNode inEffect = refused(server.send("DELETE", "/v1/subscriptionPrices/" + current.json().at("/data/id").asText(), null), "STATE_ERROR");
    assertThat(inEffect.path("detail").asText()).contains("already in effect");
    String wrongTerritory = body.formatted("null", point(SUBSCRIPTION, path, "9.99"))
        .replace("\"subscriptionPricePoint\"", "\"territory\":{\"data\":{\"type\":\"territories\",\"id\":\"JPN\"}},\"subscriptionPricePoint\"");
    refused(server.send("POST", "/v1/subscriptionPrices", wrongTerritory), "ENTITY_ERROR.RELATIONSHIP.INVALID");
  }
}
