package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.LastTransactionsItem;
import com.apple.itunes.storekit.model.Status;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscription price increases reaching subscribers on the clock (docs/purchases.md "Price
 * increases"), in production where a month is a calendar month: an increase beyond the
 * notify-only limits waits for consent (PENDING, then the new price, or expiry); one within them
 * renews at the new price with priceIncreaseStatus 1.
 */
class PriceIncreasePurchasesAcceptanceTest extends SharedDemoServerTest {
  static final String LEDGERLY = PurchasesAcceptanceTest.LEDGERLY;
  static final long DAY = 86_400L;
  static SignedDataVerifier verifier;

  @BeforeAll
  static void production() {
    PurchasesAcceptanceTest.freezeAndKey();
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000002", "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
    verifier = new SignedDataVerifier(Set.of(new ByteArrayInputStream(PurchasesAcceptanceTest.root())), LEDGERLY, 1600000002L,
        Environment.PRODUCTION, false);
  }

  @AfterAll
  static void sandboxAgain() {
    server.admin("PATCH", "/_braeburn/storekit/apps/1600000002", "{\"environment\":\"Sandbox\"}", null);
  }

  /** Schedules the subscription's USA price {@code steps} ladder points above its current one, from {@code startDate}. */
  static void raise(String subscription, int steps, String startDate) {
    raise(subscription, "USA", steps, startDate);
  }

  /** Schedules a price in {@code territory} {@code steps} ladder points above the subscription's first listed price point, from {@code startDate}. */
  static void raise(String subscription, String territory, int steps, String startDate) {
    TestServer.Reply current = server.get("/v1/subscriptions/" + subscription + "/prices?include=subscriptionPricePoint");
    assertThat(current.status()).as(current.body()).isEqualTo(200);
    String currentPoint = current.json().at("/data/0/relationships/subscriptionPricePoint/data/id").asText();
    // A price point id is base64url of {"s":product,"t":territory,"p":number} (Apple's shape); the next points have higher numbers.
    JsonNode id = readJson(new String(Base64.getUrlDecoder().decode(currentPoint), StandardCharsets.UTF_8));
    String raised = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"s\":\"" + id.path("s").asText() + "\",\"t\":\"" + territory + "\",\"p\":\""
        + (id.path("p").asInt() + steps) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(server.get("/v1/subscriptionPricePoints/" + raised).status()).isEqualTo(200);
    TestServer.Reply r = server.send("POST", "/v1/subscriptionPrices", """
        {"data":{"type":"subscriptionPrices","attributes":{"startDate":"%s","preserveCurrentPrice":false},
          "relationships":{"subscription":{"data":{"type":"subscriptions","id":"%s"}},
            "subscriptionPricePoint":{"data":{"type":"subscriptionPricePoints","id":"%s"}},
            "territory":{"data":{"type":"territories","id":"%s"}}}}}""".formatted(startDate, subscription, raised, territory));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static JsonNode readJson(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String today() {
    return LocalDate.ofInstant(OfferPurchasesAcceptanceTest.now(), ZoneOffset.UTC).toString();
  }

  static JWSTransactionDecodedPayload buy(String customer, String product) throws Exception {
    return verifier.verifyAndDecodeTransaction(PurchasesAcceptanceTest.buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + product
        + "\",\"customer\":\"" + customer + "\",\"offer\":\"NONE\"}").path("signedTransaction").asText());
  }

  static LastTransactionsItem last(String original) throws Exception {
    return PurchasesAcceptanceTest.last(new PurchasesAcceptanceTest.BraeburnClient(LEDGERLY), original);
  }

  static JWSRenewalInfoDecodedPayload renewal(String original) throws Exception {
    return verifier.verifyAndDecodeRenewalInfo(last(original).getSignedRenewalInfo());
  }

  static JWSTransactionDecodedPayload latest(String original) throws Exception {
    return verifier.verifyAndDecodeTransaction(last(original).getSignedTransactionInfo());
  }

  @Test
  void anIncreaseNeedingConsentIsAcceptedOrEndsTheSubscriptionAndANotifyOnlyOneRenewsAtTheNewPrice() throws Exception {
    String start = LocalDate.parse(today()).plusDays(40).toString();
    JWSTransactionDecodedPayload agrees = buy("agrees", PurchasesAcceptanceTest.MONTHLY);
    JWSTransactionDecodedPayload declines = buy("declines", PurchasesAcceptanceTest.MONTHLY);
    JWSTransactionDecodedPayload notified = buy("notified", PurchasesAcceptanceTest.YEARLY);
    long oldMonthly = agrees.getPrice();
    long oldYearly = notified.getPrice();
    raise("6752100301", 60, start);
    raise("6752100302", 1, start);

    OfferPurchasesAcceptanceTest.advance(32 * DAY); // the first monthly renewal: still the old price, the increase announced
    assertThat(latest(agrees.getOriginalTransactionId()).getPrice()).as("no increase without notice").isEqualTo(oldMonthly);
    JWSRenewalInfoDecodedPayload pending = renewal(agrees.getOriginalTransactionId());
    assertThat(pending.getRawPriceIncreaseStatus()).as("consent needed, no answer yet").isZero();
    assertThat(pending.getRenewalPrice()).isGreaterThan(oldMonthly + 5_000);
    PurchasesAcceptanceTest.event(agrees.getOriginalTransactionId(), "{\"type\":\"ACCEPT_PRICE_INCREASE\"}");
    assertThat(renewal(agrees.getOriginalTransactionId()).getRawPriceIncreaseStatus()).isEqualTo(1);

    OfferPurchasesAcceptanceTest.advance(31 * DAY); // the second renewal: the new price, or expiry without consent
    JWSTransactionDecodedPayload raised = latest(agrees.getOriginalTransactionId());
    assertThat(raised.getPrice()).isEqualTo(pending.getRenewalPrice());
    assertThat(last(agrees.getOriginalTransactionId()).getStatus()).isEqualTo(Status.ACTIVE);
    LastTransactionsItem gone = last(declines.getOriginalTransactionId());
    assertThat(gone.getStatus()).isEqualTo(Status.EXPIRED);
    JWSRenewalInfoDecodedPayload declined = verifier.verifyAndDecodeRenewalInfo(gone.getSignedRenewalInfo());
    assertThat(declined.getRawExpirationIntent()).as("didn't consent to a price increase").isEqualTo(3);
    assertThat(declined.getAutoRenewStatus().getValue()).isZero();

    OfferPurchasesAcceptanceTest.advance(366 * DAY - 63 * DAY); // the yearly renewal announces a notify-only increase
    assertThat(latest(notified.getOriginalTransactionId()).getPrice()).isEqualTo(oldYearly);
    JWSRenewalInfoDecodedPayload told = renewal(notified.getOriginalTransactionId());
    assertThat(told.getRawPriceIncreaseStatus()).as("notified, no consent needed").isEqualTo(1);
    assertThat(told.getRenewalPrice()).isGreaterThan(oldYearly);
    OfferPurchasesAcceptanceTest.advance(366 * DAY);
    assertThat(latest(notified.getOriginalTransactionId()).getPrice()).isEqualTo(told.getRenewalPrice());
    assertThat(last(notified.getOriginalTransactionId()).getStatus()).isEqualTo(Status.ACTIVE);
  }
}
