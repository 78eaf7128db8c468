package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.OfferDiscountType;
import com.apple.itunes.storekit.model.OfferType;
import com.apple.itunes.storekit.offers.PromotionalOfferSignatureCreator;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offers at purchase (docs/purchases.md "Offers"): introductory pay-up-front and pay-as-you-go
 * prices from the offer's price point, promotional offers with the developer's signature, offer
 * codes, win-back offers — read back with Apple's Java library and its SignedDataVerifier.
 */
class OfferPurchasesAcceptanceTest extends SharedDemoServerTest {
  static final String LEDGERLY = PurchasesAcceptanceTest.LEDGERLY;
  static final String MONTHLY = PurchasesAcceptanceTest.MONTHLY;
  static final String YEARLY = PurchasesAcceptanceTest.YEARLY;
  static final String MONTHLY_ID = "6752100301";
  static final String YEARLY_ID = "6752100302";
  static SignedDataVerifier verifier;

  @BeforeAll
  static void freezeAndKey() {
    PurchasesAcceptanceTest.freezeAndKey();
    verifier = PurchasesAcceptanceTest.verifier(LEDGERLY, 1600000002L);
  }

  static JsonNode key() {
    return PurchasesAcceptanceTest.key;
  }

  /** A price point of the subscription in the territory: {@code id} and {@code customerPrice}. */
  static JsonNode point(String subscription, String territory, int index) {
    TestServer.Reply r = server.get("/v1/subscriptions/" + subscription + "/pricePoints?filter[territory]=" + territory + "&limit=20");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("data").get(index);
  }

  static long milli(JsonNode point) {
    return new java.math.BigDecimal(point.at("/attributes/customerPrice").asText()).movePointRight(3).longValueExact();
  }

  static String prices(String type, String territory, JsonNode point) {
    String link = point == null ? "" : ",\"subscriptionPricePoint\":{\"data\":{\"type\":\"subscriptionPricePoints\",\"id\":\""
        + point.path("id").asText() + "\"}}";
    return """
        "prices":{"data":[{"type":"%1$s","id":"${price-1}"}]}}},
        "included":[{"type":"%1$s","id":"${price-1}","relationships":{"territory":{"data":{"type":"territories","id":"%2$s"}}%3$s}}]}"""
        .formatted(type, territory, link);
  }

  static JsonNode create(String path, String body) {
    TestServer.Reply r = server.send("POST", path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  static TestServer.Reply tryBuy(String body) {
    return server.admin("POST", "/_braeburn/storekit/purchases", body, null);
  }

  static JWSTransactionDecodedPayload bought(String body) throws Exception {
    return verifier.verifyAndDecodeTransaction(PurchasesAcceptanceTest.buy(body).path("signedTransaction").asText());
  }

  static JWSTransactionDecodedPayload latest(String original) throws Exception {
    List<String> all = PurchasesAcceptanceTest.history(new PurchasesAcceptanceTest.BraeburnClient(LEDGERLY), original);
    JWSTransactionDecodedPayload last = null;
    for (String s : all) {
      JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(s);
      if (last == null || t.getPurchaseDate() >= last.getPurchaseDate()) {
        last = t;
      }
    }
    return last;
  }

  static JWSRenewalInfoDecodedPayload renewal(String original) throws Exception {
    return verifier.verifyAndDecodeRenewalInfo(PurchasesAcceptanceTest.last(new PurchasesAcceptanceTest.BraeburnClient(LEDGERLY), original)
        .getSignedRenewalInfo());
  }

  static void advance(long seconds) {
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + seconds + "}", null);
  }

  static Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());
  }

  static String purchase(String customer, String product, String extra) {
    return "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + product + "\",\"customer\":\"" + customer + "\"" + extra + "}";
  }

  @Test
  void payUpFrontAndPayAsYouGoChargeTheOfferPriceThenTheRegularPrice() throws Exception {
    JsonNode upFront = point(YEARLY_ID, "USA", 3);
    create("/v1/subscriptionIntroductoryOffers", """
        {"data":{"type":"subscriptionIntroductoryOffers","attributes":{"offerMode":"PAY_UP_FRONT","duration":"THREE_MONTHS","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},"territory":{"data":{"type":"territories","id":"USA"}},
            "subscriptionPricePoint":{"data":{"type":"subscriptionPricePoints","id":"%s"}}}}}""".formatted(YEARLY_ID, upFront.path("id").asText()));
    long regularYearly = bought(purchase("yearly-regular", YEARLY, ",\"offer\":\"NONE\"")).getPrice();

    JWSTransactionDecodedPayload t = bought(purchase("upfront", YEARLY, ""));
    assertThat(t.getPrice()).as("the offer's price point").isEqualTo(milli(upFront)).isNotEqualTo(regularYearly);
    assertThat(t.getOfferType()).isEqualTo(OfferType.INTRODUCTORY_OFFER);
    assertThat(t.getOfferDiscountType()).isEqualTo(OfferDiscountType.PAY_UP_FRONT);
    assertThat(t.getOfferPeriod()).isEqualTo("P3M");
    assertThat(t.getOfferIdentifier()).as("introductory offers have no identifier").isNull();
    assertThat(t.getExpiresDate() - t.getPurchaseDate()).as("sandbox: 3 months = 15 minutes").isEqualTo(15 * 60_000L);
    assertThat(renewal(t.getOriginalTransactionId()).getRenewalPrice()).isEqualTo(regularYearly);
    advance(15 * 60 + 1);
    JWSTransactionDecodedPayload renewed = latest(t.getOriginalTransactionId());
    assertThat(renewed.getRawTransactionReason()).isEqualTo("RENEWAL");
    assertThat(renewed.getPrice()).isEqualTo(regularYearly);
    assertThat(renewed.getOfferType()).isNull();

    JsonNode perMonth = point(MONTHLY_ID, "GBR", 2);
    create("/v1/subscriptionIntroductoryOffers", """
        {"data":{"type":"subscriptionIntroductoryOffers","attributes":{"offerMode":"PAY_AS_YOU_GO","duration":"ONE_MONTH","numberOfPeriods":3},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},"territory":{"data":{"type":"territories","id":"GBR"}},
            "subscriptionPricePoint":{"data":{"type":"subscriptionPricePoints","id":"%s"}}}}}""".formatted(MONTHLY_ID, perMonth.path("id").asText()));
    JWSTransactionDecodedPayload first = bought(purchase("payg", MONTHLY, ",\"storefront\":\"GBR\""));
    assertThat(first.getCurrency()).isEqualTo("GBP");
    assertThat(first.getPrice()).isEqualTo(milli(perMonth));
    assertThat(first.getOfferDiscountType()).isEqualTo(OfferDiscountType.PAY_AS_YOU_GO);
    assertThat(first.getOfferPeriod()).isEqualTo("P3M");
    assertThat(first.getExpiresDate() - first.getPurchaseDate()).as("one period a charge").isEqualTo(5 * 60_000L);
    String original = first.getOriginalTransactionId();
    JWSRenewalInfoDecodedPayload info = renewal(original);
    assertThat(info.getOfferType()).as("the offer applies to the next renewal").isEqualTo(OfferType.INTRODUCTORY_OFFER);
    assertThat(info.getOfferDiscountType()).isEqualTo(OfferDiscountType.PAY_AS_YOU_GO);
    assertThat(info.getRenewalPrice()).isEqualTo(milli(perMonth));
    for (int period = 2; period <= 3; period++) {
      advance(301);
      JWSTransactionDecodedPayload r = latest(original);
      assertThat(r.getPrice()).as("period " + period + " at the offer's price").isEqualTo(milli(perMonth));
      assertThat(r.getOfferType()).isEqualTo(OfferType.INTRODUCTORY_OFFER);
      assertThat(r.getOfferPeriod()).isEqualTo("P3M");
    }
    JWSRenewalInfoDecodedPayload after = renewal(original);
    assertThat(after.getOfferType()).as("the offer is used up").isNull();
    assertThat(after.getRenewalPrice()).isGreaterThan(milli(perMonth));
    advance(301);
    JWSTransactionDecodedPayload regular = latest(original);
    assertThat(regular.getOfferType()).isNull();
    assertThat(regular.getPrice()).isEqualTo(after.getRenewalPrice());
  }

  @Test
  void aPromotionalOfferNeedsAValidDeveloperSignature() throws Exception {
    JsonNode point = point(MONTHLY_ID, "USA", 1);
    create("/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Loyal","offerCode":"LOYAL2","duration":"ONE_MONTH",
          "offerMode":"PAY_AS_YOU_GO","numberOfPeriods":2},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(MONTHLY_ID)
        + prices("subscriptionPromotionalOfferPrices", "USA", point));
    String original = bought(purchase("loyal", MONTHLY, ",\"offer\":\"NONE\"")).getOriginalTransactionId();
    PurchasesAcceptanceTest.event(original, "{\"type\":\"EXPIRE\"}");

    PromotionalOfferSignatureCreator creator = new PromotionalOfferSignatureCreator(key().path("privateKey").asText(),
        key().path("keyId").asText(), LEDGERLY);
    UUID nonce = UUID.randomUUID();
    long timestamp = now().toEpochMilli();
    String forOtherOffer = creator.createSignature(MONTHLY, "OTHER", "", nonce, timestamp);
    TestServer.Reply invalid = tryBuy(purchase("loyal", MONTHLY, promotional(nonce, timestamp, forOtherOffer)));
    assertThat(invalid.status()).isEqualTo(409);
    assertThat(invalid.body()).contains("invalidSignature").contains("does not verify");
    TestServer.Reply stale = tryBuy(purchase("loyal", MONTHLY, promotional(nonce, timestamp - 25 * 3_600_000L,
        creator.createSignature(MONTHLY, "LOYAL2", "", nonce, timestamp - 25 * 3_600_000L))));
    assertThat(stale.body()).contains("24 hours");
    TestServer.Reply stranger = tryBuy(purchase("stranger", MONTHLY, promotional(nonce, timestamp,
        creator.createSignature(MONTHLY, "LOYAL2", "", nonce, timestamp))));
    assertThat(stranger.status()).isEqualTo(409);
    assertThat(stranger.body()).contains("HAS_SUBSCRIBED_IN_GROUP");

    JWSTransactionDecodedPayload t = bought(purchase("loyal", MONTHLY, promotional(nonce, timestamp,
        creator.createSignature(MONTHLY, "LOYAL2", "", nonce, timestamp))));
    assertThat(t.getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    assertThat(t.getOfferIdentifier()).isEqualTo("LOYAL2");
    assertThat(t.getOfferDiscountType()).isEqualTo(OfferDiscountType.PAY_AS_YOU_GO);
    assertThat(t.getOfferPeriod()).isEqualTo("P2M");
    assertThat(t.getPrice()).isEqualTo(milli(point));
    assertThat(t.getOriginalTransactionId()).as("a resubscription keeps the group's original").isEqualTo(original);
    JWSRenewalInfoDecodedPayload info = renewal(original);
    assertThat(info.getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    assertThat(info.getOfferIdentifier()).isEqualTo("LOYAL2");
  }

  private static String promotional(UUID nonce, long timestamp, String signature) {
    return ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"LOYAL2\",\"signature\":{\"keyId\":\"" + key().path("keyId").asText()
        + "\",\"nonce\":\"" + nonce + "\",\"timestamp\":" + timestamp + ",\"encodedSignature\":\"" + signature + "\"}}";
  }

  @Test
  void aOneTimeUseCodeRedeemsOnceAndACustomCodeUpToItsCount() throws Exception {
    JsonNode offer = create("/v1/subscriptionOfferCodes", """
        {"data":{"type":"subscriptionOfferCodes","attributes":{"name":"Spring Free Month","customerEligibilities":["NEW","EXPIRED"],
          "offerEligibility":"REPLACE_INTRO_OFFERS","duration":"ONE_MONTH","offerMode":"FREE_TRIAL","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(MONTHLY_ID)
        + prices("subscriptionOfferCodePrices", "USA", null));
    String expires = LocalDate.ofInstant(now(), ZoneOffset.UTC).plusMonths(1).toString();
    String sandboxCode = firstCode(offer.path("id").asText(), expires, "SANDBOX");
    String productionCode = firstCode(offer.path("id").asText(), expires, "PRODUCTION");

    JWSTransactionDecodedPayload t = bought(purchase("coder1", MONTHLY, code(sandboxCode)));
    assertThat(t.getOfferType()).isEqualTo(OfferType.OFFER_CODE);
    assertThat(t.getOfferIdentifier()).as("the offer code's reference name").isEqualTo("Spring Free Month");
    assertThat(t.getOfferDiscountType()).isEqualTo(OfferDiscountType.FREE_TRIAL);
    assertThat(t.getPrice()).isZero();
    for (String customer : List.of("coder2", "coder3")) {
      TestServer.Reply again = tryBuy(purchase(customer, MONTHLY, code(sandboxCode)));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body()).contains("already redeemed");
    }
    TestServer.Reply otherEnvironment = tryBuy(purchase("coder2", MONTHLY, code(productionCode)));
    assertThat(otherEnvironment.body()).contains("is a PRODUCTION code");

    create("/v1/subscriptionOfferCodeCustomCodes", """
        {"data":{"type":"subscriptionOfferCodeCustomCodes","attributes":{"customCode":"SPRINGONCE","numberOfCodes":1},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""".formatted(offer.path("id").asText()));
    assertThat(bought(purchase("coder4", MONTHLY, code("SPRINGONCE"))).getOfferType()).isEqualTo(OfferType.OFFER_CODE);
    assertThat(tryBuy(purchase("coder5", MONTHLY, code("SPRINGONCE"))).body()).contains("all of its numberOfCodes");
  }

  private static String firstCode(String offer, String expires, String environment) {
    String batch = create("/v1/subscriptionOfferCodeOneTimeUseCodes", """
        {"data":{"type":"subscriptionOfferCodeOneTimeUseCodes","attributes":{"numberOfCodes":2,"expirationDate":"%s","environment":"%s"},
          "relationships":{"offerCode":{"data":{"type":"subscriptionOfferCodes","id":"%s"}}}}}""".formatted(expires, environment, offer))
        .path("id").asText();
    return server.get("/v1/subscriptionOfferCodeOneTimeUseCodes/" + batch + "/values").body().lines().findFirst().orElseThrow();
  }

  private static String code(String code) {
    return ",\"offer\":{\"type\":\"OFFER_CODE\",\"code\":\"" + code + "\"}";
  }

  @Test
  void aWinBackOfferWelcomesALapsedSubscriber() throws Exception {
    String today = LocalDate.ofInstant(now(), ZoneOffset.UTC).toString();
    create("/v1/winBackOffers", """
        {"data":{"type":"winBackOffers","attributes":{"referenceName":"Come back","offerId":"COMEBACK","duration":"ONE_MONTH","offerMode":"FREE_TRIAL",
          "periodCount":1,"customerEligibilityPaidSubscriptionDurationInMonths":1,
          "customerEligibilityTimeSinceLastSubscribedInMonths":{"minimum":1,"maximum":12},"customerEligibilityWaitBetweenOffersInMonths":0,
          "startDate":"%s","priority":"HIGH"},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(today, MONTHLY_ID)
        + prices("winBackOfferPrices", "USA", null));
    String original = bought(purchase("lapsed", MONTHLY, ",\"offer\":\"NONE\"")).getOriginalTransactionId();
    PurchasesAcceptanceTest.event(original, "{\"type\":\"CANCEL_AUTO_RENEW\"}");
    advance(301);
    String winBack = ",\"offer\":{\"type\":\"WIN_BACK\",\"id\":\"COMEBACK\"}";
    TestServer.Reply tooSoon = tryBuy(purchase("lapsed", MONTHLY, winBack));
    assertThat(tooSoon.status()).isEqualTo(409);
    assertThat(tooSoon.body()).contains("MONTHS_SINCE_LAST_SUBSCRIBED_IN_RANGE");
    assertThat(tryBuy(purchase("never", MONTHLY, winBack)).status()).isEqualTo(409);
    assertThat(renewal(original).getEligibleWinBackOfferIds()).as("lapsed less than a month").isNull();
    advance(300); // sandbox: a month is 5 minutes
    assertThat(renewal(original).getEligibleWinBackOfferIds()).containsExactly("COMEBACK");
    JWSTransactionDecodedPayload t = bought(purchase("lapsed", MONTHLY, winBack));
    assertThat(t.getOfferType()).isEqualTo(OfferType.WIN_BACK_OFFER);
    assertThat(t.getOfferIdentifier()).isEqualTo("COMEBACK");
    assertThat(t.getPrice()).isZero();
    assertThat(t.getOriginalTransactionId()).isEqualTo(original);
  }

  @Test
  void anActiveSubscriberRedeemsAnOfferForTheNextRenewalOrAnUpgrade() throws Exception {
    JsonNode point = point(MONTHLY_ID, "USA", 0);
    create("/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Stay","offerCode":"STAY1","duration":"ONE_MONTH",
          "offerMode":"PAY_AS_YOU_GO","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},""".formatted(MONTHLY_ID)
        + prices("subscriptionPromotionalOfferPrices", "USA", point));
    JWSTransactionDecodedPayload first = bought(purchase("stayer", MONTHLY, ",\"offer\":\"NONE\""));
    JWSTransactionDecodedPayload same = bought(purchase("stayer", MONTHLY, ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"STAY1\"}"));
    assertThat(same.getTransactionId()).as("no charge now: the offer applies from the next renewal").isEqualTo(first.getTransactionId());
    JWSRenewalInfoDecodedPayload info = renewal(first.getOriginalTransactionId());
    assertThat(info.getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    assertThat(info.getOfferIdentifier()).isEqualTo("STAY1");
    assertThat(info.getRenewalPrice()).isEqualTo(milli(point));
    advance(301);
    JWSTransactionDecodedPayload renewed = latest(first.getOriginalTransactionId());
    assertThat(renewed.getPrice()).isEqualTo(milli(point));
    assertThat(renewed.getOfferIdentifier()).isEqualTo("STAY1");

    create("/v1/subscriptionPromotionalOffers", """
        {"data":{"type":"subscriptionPromotionalOffers","attributes":{"name":"Family","offerCode":"FAMILYUP","duration":"ONE_MONTH",
          "offerMode":"FREE_TRIAL","numberOfPeriods":1},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"6752100303"}},"""
        + prices("subscriptionPromotionalOfferPrices", "USA", null));
    JWSTransactionDecodedPayload upgraded = bought(purchase("stayer", "com.tidewaterlabs.ledgerly.family.yearly",
        ",\"offer\":{\"type\":\"PROMOTIONAL\",\"id\":\"FAMILYUP\"}"));
    assertThat(upgraded.getProductId()).isEqualTo("com.tidewaterlabs.ledgerly.family.yearly");
    assertThat(upgraded.getOriginalTransactionId()).isEqualTo(first.getOriginalTransactionId());
    assertThat(upgraded.getOfferType()).isEqualTo(OfferType.PROMOTIONAL_OFFER);
    assertThat(upgraded.getPrice()).isZero();
    assertThat(renewal(first.getOriginalTransactionId()).getAutoRenewProductId()).isEqualTo("com.tidewaterlabs.ledgerly.family.yearly");
  }
}
