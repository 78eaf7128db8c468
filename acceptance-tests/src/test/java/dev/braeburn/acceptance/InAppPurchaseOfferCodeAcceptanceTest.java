package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.OfferDiscountType;
import com.apple.itunes.storekit.model.OfferType;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2025's in-app purchase offer codes redeemed at purchase (docs/purchases.md "Offers"): one-time-use
 * and custom codes of a consumable, priced from the offer's price point, {@code offerType} 3 and
 * {@code offerDiscountType} ONE_TIME, customer eligibility and an inactive offer enforced — read
 * back with Apple's Java library client and its SignedDataVerifier.
 */
class InAppPurchaseOfferCodeAcceptanceTest extends SharedDemoServerTest {
  static final String TIDELINE = PurchasesAcceptanceTest.TIDELINE;
  static final String TIP = PurchasesAcceptanceTest.TIP;
  static final String TIP_ID = "6752100103";

  @BeforeAll
  static void freezeAndKey() {
    PurchasesAcceptanceTest.freezeAndKey();
  }

  /** Apple's verifier for Tideline's signed data, rooted in Braeburn's CA. */
  private static SignedDataVerifier verifier() {
    return PurchasesAcceptanceTest.verifier(TIDELINE, 1600000001L);
  }

  private static JsonNode point(int index) {
    TestServer.Reply r = server.get("/v2/inAppPurchases/" + TIP_ID + "/pricePoints?filter[territory]=USA&limit=20");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("data").get(index);
  }

  private static String offerCode(String name, String eligibilities, JsonNode point) {
    return OfferPurchasesAcceptanceTest.create("/v1/inAppPurchaseOfferCodes", """
        {"data":{"type":"inAppPurchaseOfferCodes","attributes":{"name":"%s","customerEligibilities":%s},
          "relationships":{"inAppPurchase":{"data":{"type":"inAppPurchases","id":"%s"}},
            "prices":{"data":[{"type":"inAppPurchaseOfferPrices","id":"${usa}"}]}}},
         "included":[{"type":"inAppPurchaseOfferPrices","id":"${usa}","relationships":{"territory":{"data":{"type":"territories","id":"USA"}},
           "pricePoint":{"data":{"type":"inAppPurchasePricePoints","id":"%s"}}}}]}""".formatted(name, eligibilities, TIP_ID,
        point.path("id").asText())).path("id").asText();
  }

  private static String firstCode(String offer) {
    String expires = LocalDate.ofInstant(OfferPurchasesAcceptanceTest.now(), ZoneOffset.UTC).plusMonths(1).toString();
    String batch = OfferPurchasesAcceptanceTest.create("/v1/inAppPurchaseOfferCodeOneTimeUseCodes", """
        {"data":{"type":"inAppPurchaseOfferCodeOneTimeUseCodes","attributes":{"numberOfCodes":2,"expirationDate":"%s","environment":"SANDBOX"},
          "relationships":{"offerCode":{"data":{"type":"inAppPurchaseOfferCodes","id":"%s"}}}}}""".formatted(expires, offer)).path("id").asText();
    return server.get("/v1/inAppPurchaseOfferCodeOneTimeUseCodes/" + batch + "/values").body().lines().findFirst().orElseThrow();
  }

  private static String purchase(String customer, String product, String code) {
    return "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + product + "\",\"customer\":\"" + customer + "\""
        + (code == null ? "" : ",\"offer\":{\"type\":\"OFFER_CODE\",\"code\":\"" + code + "\"}") + "}";
  }

  private static TestServer.Reply tryBuy(String body) {
    return server.admin("POST", "/_braeburn/storekit/purchases", body, null);
  }

  @Test
  void aOneTimeUseCodeChargesTheOfferPriceOnceAsAOneTimeOffer() throws Exception {
    JsonNode point = point(1);
    String offer = offerCode("Tip Treat", "[\"NON_SPENDER\",\"CHURNED_SPENDER\"]", point);
    String code = firstCode(offer);

    JsonNode bought = PurchasesAcceptanceTest.buy(purchase("treat1", TIP, code));
    SignedDataVerifier verifier = verifier();
    JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(bought.path("signedTransaction").asText());
    assertThat(t.getOfferType()).isEqualTo(OfferType.OFFER_CODE);
    assertThat(t.getOfferIdentifier()).as("the offer code's reference name (inferred)").isEqualTo("Tip Treat");
    assertThat(t.getOfferDiscountType()).isEqualTo(OfferDiscountType.ONE_TIME);
    assertThat(t.getOfferPeriod()).as("an in-app purchase code runs for no period").isNull();
    assertThat(t.getPrice()).isEqualTo(OfferPurchasesAcceptanceTest.milli(point));
    String fetched = new PurchasesAcceptanceTest.BraeburnClient(TIDELINE).getTransactionInfo(t.getTransactionId()).getSignedTransactionInfo();
    assertThat(verifier.verifyAndDecodeTransaction(fetched).getOfferDiscountType()).isEqualTo(OfferDiscountType.ONE_TIME);

    TestServer.Reply again = tryBuy(purchase("treat2", TIP, code));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already redeemed");
    TestServer.Reply otherProduct = tryBuy(purchase("treat2", PurchasesAcceptanceTest.CHARTS, firstCode(offer)));
    assertThat(otherProduct.body()).contains("of another product");
    TestServer.Reply subscriptionCode = tryBuy(purchase("treat2", TIP, "LEDGERLYWINTER"));
    assertThat(subscriptionCode.status()).isEqualTo(409);
    assertThat(tryBuy(purchase("treat2", TIP, null).replace("}", ",\"offer\":\"INTRODUCTORY\"}")).body())
        .contains("redeem offer codes only");
  }

  @Test
  void eligibilityAndAnInactiveOfferDecideWhoRedeems() throws Exception {
    String offer = offerCode("New Tippers", "[\"NON_SPENDER\"]", point(0));
    OfferPurchasesAcceptanceTest.create("/v1/inAppPurchaseOfferCodeCustomCodes", """
        {"data":{"type":"inAppPurchaseOfferCodeCustomCodes","attributes":{"customCode":"TIPNEW","numberOfCodes":5},
          "relationships":{"offerCode":{"data":{"type":"inAppPurchaseOfferCodes","id":"%s"}}}}}""".formatted(offer));
    PurchasesAcceptanceTest.buy(purchase("spender", TIP, null));
    TestServer.Reply spender = tryBuy(purchase("spender", TIP, "TIPNEW"));
    assertThat(spender.status()).isEqualTo(409);
    assertThat(spender.body()).contains("SPENDER_ELIGIBILITY_MATCHES").contains("CHURNED_SPENDER");
    JWSTransactionDecodedPayload t = verifier().verifyAndDecodeTransaction(PurchasesAcceptanceTest.buy(purchase("newcomer", TIP, "TIPNEW"))
        .path("signedTransaction").asText());
    assertThat(t.getOfferIdentifier()).isEqualTo("New Tippers");

    TestServer.Reply off = server.send("PATCH", "/v1/inAppPurchaseOfferCodes/" + offer, """
        {"data":{"type":"inAppPurchaseOfferCodes","id":"%s","attributes":{"active":false}}}""".formatted(offer));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    TestServer.Reply inactive = tryBuy(purchase("newcomer2", TIP, "TIPNEW"));
    assertThat(inactive.status()).isEqualTo(409);
    assertThat(inactive.body()).contains("inactive");
  }
}
