package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Purchases (and their refunds) made through the simulator in Production count in the SALES reports of their day beside
 * the usage model's own sales (docs/purchases.md "Sales reports"); Sandbox purchases never do. A
 * second server, seeded and set up alike but without the purchases, shows what the model alone counts.
 */
class SimulatedSalesAcceptanceTest {
  static final String LEDGERLY = "1600000002";
  static final String BUNDLE = "com.tidewaterlabs.ledgerly";
  static final String SCANNER = "com.tidewaterlabs.ledgerly.receiptscanner";

  @Test
  void productionPurchasesAndRefundsCountInTheDaysSalesSummaryAtTheirPriceAndSandboxOnesDoNot() throws Exception {
    try (SalesCalls bought = new SalesCalls(TestServer.start("demo")); SalesCalls alone = new SalesCalls(TestServer.start("demo"))) {
      Instant start = bought.freeze();
      alone.freeze();
      LocalDate day = LocalDate.ofInstant(start, SalesCalls.PACIFIC).plusDays(1);
      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(day, 10));
        TestServer.Reply r = calls.server.admin("PATCH", "/_braeburn/storekit/apps/" + LEDGERLY, "{\"environment\":\"Production\"}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
      BigDecimal price = null;
      for (String customer : List.of("ann", "bob")) {
        JsonNode tx = payload(buy(bought, "{\"bundleId\":\"" + BUNDLE + "\",\"productId\":\"" + SCANNER + "\",\"customer\":\""
            + customer + "\",\"storefront\":\"USA\"}"));
        assertThat(tx.path("environment").asText()).isEqualTo("Production");
        price = BigDecimal.valueOf(tx.path("price").asLong(), 3);
      }
      JsonNode refunded = buy(bought, "{\"bundleId\":\"" + BUNDLE + "\",\"productId\":\"" + SCANNER
          + "\",\"customer\":\"cara\",\"storefront\":\"USA\"}");
      TestServer.Reply refund = bought.server.admin("POST", "/_braeburn/storekit/subscriptions/" + refunded.path("transactionId").asText()
          + "/events", "{\"type\":\"REFUND\"}", null);
      assertThat(refund.status()).as(refund.body()).isEqualTo(200);
      JsonNode sandbox = payload(buy(bought, "{\"bundleId\":\"" + BUNDLE + "\",\"productId\":\"" + SCANNER
          + "\",\"customer\":\"tester\",\"storefront\":\"USA\",\"environment\":\"Sandbox\"}"));
      assertThat(sandbox.path("environment").asText()).isEqualTo("Sandbox");

      long[] units = new long[2];
      long[] refunds = new long[2];
      int i = 0;
      for (SalesCalls calls : List.of(bought, alone)) {
        calls.advanceTo(SalesCalls.pacific(day.plusDays(1), 9));
        List<Map<String, String>> rows = SalesCalls.rows(calls.salesSummary("DAILY", day.toString()));
        units[i] = scannerUnits(rows, price);
        refunds[i++] = scannerUnits(rows, price.negate());
      }
      assertThat(units[0]).as("Receipt Scanner units in the USA at %s: with the purchases vs the model alone", price)
          .isEqualTo(units[1] + 3);
      assertThat(refunds[0]).as("the refund the same day: one negative unit at the negated price").isEqualTo(refunds[1] - 1);
    }
  }

  /** Units of Receipt Scanner sold in the USA at {@code price}, as the SALES summary lines say. */
  private static long scannerUnits(List<Map<String, String>> rows, BigDecimal price) {
    return rows.stream()
        .filter(r -> r.get("SKU").equals(SCANNER) && r.get("Country Code").equals("US"))
        .filter(r -> new BigDecimal(r.get("Customer Price")).compareTo(price) == 0)
        .mapToLong(r -> Long.parseLong(r.get("Units"))).sum();
  }

  private static JsonNode buy(SalesCalls calls, String body) {
    TestServer.Reply r = calls.server.admin("POST", "/_braeburn/storekit/purchases", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** The decoded payload of the purchase's signedTransaction (its middle JWS part). */
  private static JsonNode payload(JsonNode purchase) throws Exception {
    String jws = purchase.path("signedTransaction").asText();
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
  }
}
