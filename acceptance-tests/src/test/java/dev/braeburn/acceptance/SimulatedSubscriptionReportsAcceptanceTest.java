package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Production subscriptions of the purchase simulator reach the subscription reports (SUBSCRIPTION,
 * SUBSCRIPTION_EVENT, SUBSCRIBER), the metrics summary and the analytics purchase files beside the
 * usage model's own numbers (docs/purchases.md "Reports"); a Sandbox subscriber, renewing every few
 * minutes meanwhile, never does. A second server, seeded and run alike without the purchases, shows
 * the model alone: the difference must be exactly what was simulated.
 */
class SimulatedSubscriptionReportsAcceptanceTest {
  static final String LEDGERLY = "1600000002";
  static final String BUNDLE = "com.tidewaterlabs.ledgerly";
  static final String MONTHLY = "com.tidewaterlabs.ledgerly.plus.monthly";
  static final String GROUP = "21580417";

  @Test
  void subscribeTrialConversionRenewalCancelAndRefundCountInEveryReportAndSandboxInNone() throws Exception {
    try (SalesCalls bought = new SalesCalls(TestServer.start("demo")); SalesCalls alone = new SalesCalls(TestServer.start("demo"))) {
      bought.freeze();
      alone.freeze();
      LocalDate day = bought.pacificToday().plusDays(1);
      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(day, 10));
        TestServer.Reply r = calls.server.admin("PATCH", "/_braeburn/storekit/apps/" + LEDGERLY, "{\"environment\":\"Production\"}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        new AnalyticsCalls(calls.server).request(LEDGERLY, "ONGOING");
      }
      JsonNode ann = buy(bought, "ann", "\"offer\":\"NONE\"");
      buy(bought, "bob", null); // eligible: StoreKit applies the one-week free trial
      JsonNode cara = buy(bought, "cara", "\"offer\":\"NONE\"");
      event(bought, cara, "{\"type\":\"CANCEL_AUTO_RENEW\"}");
      buy(bought, "tester", "\"environment\":\"Sandbox\"");

      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(day.plusDays(7), 9));
      }
      // the analytics App Store Purchases report counts them once the day's instance is final (before it expires)
      assertThat(analyticsPurchases(bought, day) - analyticsPurchases(alone, day)).as("ann, bob's trial, cara").isEqualTo(3);

      LocalDate renewal = day.plusMonths(1); // Production renews a month on, at the hour of purchase
      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(renewal, 12));
      }
      event(bought, ann, "{\"type\":\"REFUND\"}");
      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(renewal.plusDays(7), 9));
      }

      // SUBSCRIPTION_EVENT: one row per simulated change, on its day
      assertThat(difference(bought, alone, "SUBSCRIPTION_EVENT", day, SimulatedSubscriptionReportsAcceptanceTest::eventKey, "Quantity"))
          .isEqualTo(Map.of("Subscribe|||", 2L, "Start Introductory Offer|Free Trial|1 Week|", 1L));
      assertThat(difference(bought, alone, "SUBSCRIPTION_EVENT", day.plusDays(7), SimulatedSubscriptionReportsAcceptanceTest::eventKey,
          "Quantity")).isEqualTo(Map.of("Paid Subscription from Introductory Offer|Free Trial|1 Week|", 1L));
      assertThat(difference(bought, alone, "SUBSCRIPTION_EVENT", renewal, SimulatedSubscriptionReportsAcceptanceTest::eventKey, "Quantity"))
          .isEqualTo(Map.of("Renew|||", 1L, "Cancel|||Other", 1L, "Refund|||", 1L));

      // SUBSCRIPTION: active at the end of the day
      assertThat(difference(bought, alone, "SUBSCRIPTION", day, r -> "standard", "Active Standard Price Subscriptions"))
          .isEqualTo(Map.of("standard", 2L));
      assertThat(difference(bought, alone, "SUBSCRIPTION", day, r -> "trial", "Active Free Trial Introductory Offer Subscriptions"))
          .isEqualTo(Map.of("trial", 1L));
      assertThat(difference(bought, alone, "SUBSCRIPTION", day, r -> "subscribers", "Subscribers")).isEqualTo(Map.of("subscribers", 3L));
      assertThat(difference(bought, alone, "SUBSCRIPTION", renewal, r -> "subscribers", "Subscribers"))
          .as("ann refunded, cara expired: bob alone").isEqualTo(Map.of("subscribers", 1L));

      // SUBSCRIBER: a line per charge, refunds marked
      assertThat(difference(bought, alone, "SUBSCRIBER", day, r -> r.get("Customer Price") + "|" + r.get("Refund"), null))
          .isEqualTo(Map.of(price(ann) + "|", 2L, "0|", 1L));
      assertThat(difference(bought, alone, "SUBSCRIBER", renewal, r -> r.get("Customer Price") + "|" + r.get("Refund"), null))
          .isEqualTo(Map.of(price(ann) + "|", 1L, "-" + price(ann) + "|Yes", 1L));

      // the metrics summary counts the same purchases
      JsonNode with = bought.metricsTotals(LEDGERLY, day, renewal);
      JsonNode without = alone.metricsTotals(LEDGERLY, day, renewal);
      assertThat(with.path("purchases").asLong() - without.path("purchases").asLong())
          .as("ann, bob's trial, cara, bob's conversion, ann's renewal").isEqualTo(5);
      assertThat(with.path("refunds").asLong() - without.path("refunds").asLong()).isEqualTo(1);

    }
  }

  private static JsonNode buy(SalesCalls calls, String customer, String extra) {
    TestServer.Reply r = calls.server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + BUNDLE + "\",\"productId\":\""
        + MONTHLY + "\",\"customer\":\"" + customer + "\",\"storefront\":\"USA\"" + (extra == null ? "" : "," + extra) + "}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static void event(SalesCalls calls, JsonNode purchase, String body) {
    TestServer.Reply r = calls.server.admin("POST", "/_braeburn/storekit/subscriptions/" + purchase.path("originalTransactionId").asText()
        + "/events", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** The purchase's price as the reports write it (USD, two decimals). */
  private static String price(JsonNode purchase) throws Exception {
    JsonNode tx = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        java.util.Base64.getUrlDecoder().decode(purchase.path("signedTransaction").asText().split("\\.")[1]));
    return java.math.BigDecimal.valueOf(tx.path("price").asLong(), 3).setScale(2).toPlainString();
  }

  private static String eventKey(Map<String, String> r) {
    return r.get("Event") + "|" + r.get("Subscription Offer Type") + "|" + r.get("Subscription Offer Duration") + "|"
        + r.get("Cancellation Reason");
  }

  /**
   * Per key, Σ {@code column} (null: the line count) of Ledgerly Plus Monthly's US lines in the day's
   * {@code type} file, with the purchases minus without; keys whose difference is 0 left out.
   */
  private static Map<String, Long> difference(SalesCalls bought, SalesCalls alone, String type, LocalDate day,
      Function<Map<String, String>, String> key, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (SalesCalls calls : List.of(bought, alone)) {
      long sign = calls == bought ? 1 : -1;
      TestServer.Download d = calls.sales(calls.server.token(), "vendorNumber", calls.vendor(null), "reportType", type, "reportSubType",
          type.equals("SUBSCRIBER") ? "DETAILED" : "SUMMARY", "frequency", "DAILY", "reportDate", day.toString(), "version",
          type.equals("SUBSCRIPTION") ? "1_4" : "1_3");
      for (Map<String, String> r : SalesCalls.rows(d)) {
        if (r.get("Subscription Group ID").equals(GROUP) && r.get("Standard Subscription Duration").equals("1 Month")
            && r.get("Country").equals("US")) {
          out.merge(key.apply(r), sign * (column == null ? 1 : Long.parseLong(r.get(column))), Long::sum);
        }
      }
    }
    out.values().removeIf(v -> v == 0);
    return out;
  }

  /** Σ Purchases of Ledgerly's in-app purchase lines of {@code day} in the newest daily App Store Purchases Standard instance. */
  private static long analyticsPurchases(SalesCalls calls, LocalDate day) {
    AnalyticsCalls analytics = new AnalyticsCalls(calls.server);
    JsonNode requests = calls.server.get("/v1/apps/" + LEDGERLY + "/analyticsReportRequests?filter[accessType]=ONGOING").json();
    String requestId = requests.path("data").get(0).path("id").asText();
    Map<LocalDate, List<Map<String, String>>> rows = analytics.newestWins(
        analytics.instances(analytics.reportId(requestId, "App Store Purchases Standard"), "filter[granularity]=DAILY"));
    assertThat(rows).containsKey(day);
    return AnalyticsCalls.sum(rows.get(day), "Purchases", "Purchase Type", "In-app purchases");
  }
}
