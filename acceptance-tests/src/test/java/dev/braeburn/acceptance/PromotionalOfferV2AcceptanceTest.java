package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.MONTHLY;
import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.MONTHLY_ID;
import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.bought;
import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.key;
import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.purchase;
import static dev.braeburn.acceptance.OfferPurchasesAcceptanceTest.tryBuy;
import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.OfferType;
import com.apple.itunes.storekit.offers.PromotionalOfferSignatureCreator;
import com.apple.itunes.storekit.offers.PromotionalOfferV2SignatureCreator;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Promotional offer signatures as the developer's server makes them with Apple's own creators,
 * unchanged (docs/purchases.md "Promotional offer signatures"): V2 compact JWS with its claims
 * checked, and every nonce good for one purchase per app, V1 and V2 alike.
 */
class PromotionalOfferV2AcceptanceTest extends SharedDemoServerTest {
  @BeforeAll
  static void setUp() {
    OfferPurchasesAcceptanceTest.freezeAndKey();
    OfferPurchasesAcceptanceTest.create("/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Loyal V2","offerCode":"LOYALV2","duration":"ONE_MONTH",
          "offerMode":"FREE_TRIAL","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(MONTHLY_ID)
        + OfferPurchasesAcceptanceTest.prices("subscriptionPromotionalOfferPrices", "USA", null));
  }

  /** A customer who subscribed once and lapsed: eligible for promotional offers. Returns the original transaction id. */
  private static String lapsed(String customer) throws Exception {
    String original = bought(purchase(customer, MONTHLY, ",\"offer\":\"NONE\"")).getOriginalTransactionId();
    PurchasesAcceptanceTest.event(original, "{\"type\":\"EXPIRE\"}");
    return original;
  }

  private static String v2(String jws) {
    return ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"LOYALV2\",\"signature\":\"" + jws + "\"}";
  }

  @Test
  void aV2SignatureFromApplesCreatorRedeemsOnceAndItsClaimsAreChecked() throws Exception {
    String original = lapsed("jws");
    PromotionalOfferV2SignatureCreator creator = new PromotionalOfferV2SignatureCreator(key().path("privateKey").asText(),
        key().path("keyId").asText(), key().path("issuerId").asText(), OfferPurchasesAcceptanceTest.LEDGERLY);

    TestServer.Reply otherOffer = tryBuy(purchase("jws", MONTHLY, v2(creator.createSignature(MONTHLY, "OTHER", null))));
    assertThat(otherOffer.status()).isEqualTo(409);
    assertThat(otherOffer.body()).contains("invalidSignature").contains("offerIdentifier");
    TestServer.Reply otherProduct = tryBuy(purchase("jws", MONTHLY, v2(creator.createSignature(OfferPurchasesAcceptanceTest.YEARLY,
        "LOYALV2", null))));
    assertThat(otherProduct.body()).contains("productId");
    TestServer.Reply strangersTransaction = tryBuy(purchase("jws", MONTHLY, v2(creator.createSignature(MONTHLY, "LOYALV2",
        "2000000999999999"))));
    assertThat(strangersTransaction.body()).contains("transactionId 2000000999999999 is not a transaction of customer 'jws'");
    String good = creator.createSignature(MONTHLY, "LOYALV2", original);
    String[] parts = good.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
    assertThat(tryBuy(purchase("jws", MONTHLY, v2(tampered))).body()).contains("does not verify");
    TestServer.Reply v1Shape = tryBuy(purchase("jws", MONTHLY, ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"LOYALV2\",\"signature\":\"x.y\"}"));
    assertThat(v1Shape.body()).contains("compact JWS");

    JWSTransactionDecodedPayload t = bought(purchase("jws", MONTHLY, v2(good)));
    assertThat(t.getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    assertThat(t.getOfferIdentifier()).isEqualTo("LOYALV2");
    assertThat(t.getPrice()).isZero();
    assertThat(t.getOriginalTransactionId()).isEqualTo(original);

    lapsed("jws2");
    TestServer.Reply replay = tryBuy(purchase("jws2", MONTHLY, v2(good)));
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.body()).contains("was already used for this app");
    assertThat(bought(purchase("jws2", MONTHLY, v2(creator.createSignature(MONTHLY, "LOYALV2", null)))).getOfferIdentifier())
        .as("a fresh signature (new nonce) redeems").isEqualTo("LOYALV2");
  }

  @Test
  void aV1NonceIsGoodForOnePurchasePerApp() throws Exception {
    lapsed("nonce1");
    lapsed("nonce2");
    PromotionalOfferSignatureCreator creator = new PromotionalOfferSignatureCreator(key().path("privateKey").asText(),
        key().path("keyId").asText(), OfferPurchasesAcceptanceTest.LEDGERLY);
    UUID nonce = UUID.randomUUID();
    long timestamp = OfferPurchasesAcceptanceTest.now().toEpochMilli();
    String first = v1(nonce, timestamp, creator.createSignature(MONTHLY, "LOYALV2", "", nonce, timestamp));
    assertThat(bought(purchase("nonce1", MONTHLY, first)).getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    long later = timestamp + 1;
    TestServer.Reply reused = tryBuy(purchase("nonce2", MONTHLY, v1(nonce, later, creator.createSignature(MONTHLY, "LOYALV2", "", nonce,
        later))));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.body()).contains("nonce " + nonce + " was already used for this app");
  }

  private static String v1(UUID nonce, long timestamp, String signature) {
    return ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"LOYALV2\",\"signature\":{\"keyId\":\"" + key().path("keyId").asText()
        + "\",\"nonce\":\"" + nonce + "\",\"timestamp\":" + timestamp + ",\"encodedSignature\":\"" + signature + "\"}}";
  }
}
