package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.client.GetTransactionHistoryVersion;
import com.apple.itunes.storekit.model.AppTransaction;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.HistoryResponse;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.LastTransactionsItem;
import com.apple.itunes.storekit.model.OfferDiscountType;
import com.apple.itunes.storekit.model.Status;
import com.apple.itunes.storekit.model.StatusResponse;
import com.apple.itunes.storekit.model.TransactionHistoryRequest;
import com.apple.itunes.storekit.model.Type;
import com.apple.itunes.storekit.model.UpdateAppAccountTokenRequest;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The purchase simulator and the transaction endpoints (docs/purchases.md), with Apple's Java
 * library as the client and its SignedDataVerifier, given Braeburn's root, checking every signed
 * payload.
 */
class PurchasesAcceptanceTest extends SharedDemoServerTest {
  static final String TIDELINE = "com.tidewaterlabs.tideline";
  static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  static final String TIP = "com.tidewaterlabs.tideline.tip.small";
  static final String CHARTS = "com.tidewaterlabs.tideline.offlinecharts";
  static final String MONTHLY = "com.tidewaterlabs.ledgerly.plus.monthly";
  static final String YEARLY = "com.tidewaterlabs.ledgerly.plus.yearly";
  static JsonNode key;

  @BeforeAll
  static void freezeAndKey() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
  }

  /** Apple's client with one change: the base URL is Braeburn's. */
  static final class BraeburnClient extends AppStoreServerAPIClient {
    BraeburnClient(String bundleId) {
      super(key.path("privateKey").asText(), key.path("keyId").asText(), key.path("issuerId").asText(), bundleId, Environment.SANDBOX);
    }

    @Override
    protected String getUrlForEnvironment(Environment environment) {
      return server.baseUrl();
    }
  }

  static SignedDataVerifier verifier(String bundleId, long appAppleId) {
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(root())), bundleId, appAppleId, Environment.SANDBOX, false);
  }

  static JsonNode buy(String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/purchases", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static JsonNode event(String originalTransactionId, String body) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/subscriptions/" + originalTransactionId + "/events", body, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aConsumableIsSoldAtTheCataloguePriceSignedAndServed() throws Exception {
    JsonNode bought = buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + TIP + "\",\"customer\":\"tipper\",\"quantity\":2}");
    SignedDataVerifier verifier = verifier(TIDELINE, 1600000001L);
    JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(bought.path("signedTransaction").asText());
    assertThat(t.getTransactionId()).isEqualTo(bought.path("transactionId").asText()).matches("[0-9]{16}");
    assertThat(t.getOriginalTransactionId()).isEqualTo(t.getTransactionId());
    assertThat(t.getType()).isEqualTo(Type.CONSUMABLE);
    assertThat(t.getQuantity()).isEqualTo(2);
    assertThat(t.getStorefront()).isEqualTo("USA");
    assertThat(t.getStorefrontId()).isEqualTo("143441");
    assertThat(t.getCurrency()).isEqualTo("USD");
    assertThat(t.getPrice()).isPositive().matches(p -> p % 10 == 0, "milliunits of a cent price");
    assertThat(t.getRawEnvironment()).isEqualTo("Sandbox");
    assertThat(t.getRawTransactionReason()).isEqualTo("PURCHASE");

    BraeburnClient client = new BraeburnClient(TIDELINE);
    JWSTransactionDecodedPayload info = verifier.verifyAndDecodeTransaction(client.getTransactionInfo(t.getTransactionId()).getSignedTransactionInfo());
    assertThat(info.getTransactionId()).isEqualTo(t.getTransactionId());
    assertThat(info.getAppTransactionId()).isNotBlank();
    AppTransaction app = verifier.verifyAndDecodeAppTransaction(client.getAppTransactionInfo(t.getTransactionId()).getSignedAppTransactionInfo());
    assertThat(app.getAppTransactionId()).isEqualTo(info.getAppTransactionId());
    assertThat(app.getBundleId()).isEqualTo(TIDELINE);

    assertThat(apiError(() -> client.getTransactionInfo("not-a-number"))).isEqualTo(4000006L);
    assertThat(apiError(() -> client.getTransactionInfo("2000000999999999"))).isEqualTo(4040010L);
    assertThat(apiError(() -> new BraeburnClient(LEDGERLY).getTransactionInfo(t.getTransactionId())))
        .as("another app's transaction is not found").isEqualTo(4040010L);

    // v1 history leaves out a finished consumable, v2 keeps it
    client.finishTransaction(t.getTransactionId());
    TransactionHistoryRequest all = new TransactionHistoryRequest();
    assertThat(client.getTransactionHistory(t.getTransactionId(), null, all, GetTransactionHistoryVersion.V2).getSignedTransactions()).hasSize(1);
    HistoryResponse v1 = client.getTransactionHistory(t.getTransactionId(), null, all, GetTransactionHistoryVersion.V1);
    assertThat(v1.getSignedTransactions()).isEmpty();
    assertThat(v1.getRevision()).isEqualTo("0");
    assertThat(v1.getAppAppleId()).as("absent in Apple's empty history").isNull();

    // a refund revokes it and shows in refund history
    event(t.getTransactionId(), "{\"type\":\"REFUND\"}");
    List<String> refunds = client.getRefundHistory(t.getTransactionId(), null).getSignedTransactions();
    assertThat(refunds).hasSize(1);
    JWSTransactionDecodedPayload refunded = verifier.verifyAndDecodeTransaction(refunds.getFirst());
    assertThat(refunded.getRevocationDate()).isNotNull();
    assertThat(refunded.getRawRevocationType()).isEqualTo("REFUND_FULL");
  }

  @Test
  void aNonConsumableIsSoldOnceToACustomer() {
    buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + CHARTS + "\",\"customer\":\"collector\"}");
    TestServer.Reply again = server.admin("POST", "/_braeburn/storekit/purchases",
        "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + CHARTS + "\",\"customer\":\"collector\"}", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already owns the non-consumable");
    assertThat(server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"nope\"}", null)
        .status()).isEqualTo(404);
  }

  @Test
  void historyPagesByTwentyWithARevisionBoundToItsFilters() throws Exception {
    List<String> bought = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      bought.add(buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + TIP + "\",\"customer\":\"pager\"}").path("transactionId").asText());
    }
    String first = bought.getFirst();
    BraeburnClient client = new BraeburnClient(TIDELINE);
    TransactionHistoryRequest request = new TransactionHistoryRequest().sort(TransactionHistoryRequest.Order.DESCENDING);
    HistoryResponse page1 = client.getTransactionHistory(first, null, request, GetTransactionHistoryVersion.V2);
    assertThat(page1.getSignedTransactions()).hasSize(20);
    assertThat(page1.getHasMore()).isTrue();
    assertThat(page1.getAppAppleId()).isEqualTo(1600000001L);
    HistoryResponse page2 = client.getTransactionHistory(first, page1.getRevision(), request, GetTransactionHistoryVersion.V2);
    assertThat(page2.getSignedTransactions()).hasSize(5);
    assertThat(page2.getHasMore()).isFalse();
    SignedDataVerifier verifier = verifier(TIDELINE, 1600000001L);
    List<String> ids = new ArrayList<>();
    for (String s : page2.getSignedTransactions()) {
      ids.add(verifier.verifyAndDecodeTransaction(s).getTransactionId());
    }
    assertThat(ids.getLast()).as("descending: the oldest last").isEqualTo(first);

    TransactionHistoryRequest other = new TransactionHistoryRequest().productTypes(List.of(TransactionHistoryRequest.ProductType.CONSUMABLE));
    assertThat(apiError(() -> client.getTransactionHistory(first, page1.getRevision(), other, GetTransactionHistoryVersion.V2)))
        .as("same filters rule").isEqualTo(4000005L);
    String token = ServerApiAdmissionAcceptanceTest.token(keyFile(), TIDELINE);
    TestServer.Reply bad = server.send("GET", "/inApps/v2/history/" + first + "?productType=GAME", null, token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errorCode").asLong()).isEqualTo(4000022);
    assertThat(server.send("GET", "/inApps/v2/history/" + first + "?sort=UP", null, token).json().path("errorCode").asLong()).isEqualTo(4000021);
    assertThat(server.send("GET", "/inApps/v2/history/" + first + "?startDate=5&endDate=4", null, token).json().path("errorCode").asLong())
        .isEqualTo(4000013);
  }

  @Test
  void aSubscriptionWithItsFreeTrialLivesOnTheClock() throws Exception {
    JsonNode bought = buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + MONTHLY + "\",\"customer\":\"trialist\"}");
    SignedDataVerifier verifier = verifier(LEDGERLY, 1600000002L);
    JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(bought.path("signedTransaction").asText());
    assertThat(t.getType()).isEqualTo(Type.AUTO_RENEWABLE_SUBSCRIPTION);
    assertThat(t.getSubscriptionGroupIdentifier()).isEqualTo("21580417");
    assertThat(t.getWebOrderLineItemId()).isNotBlank();
    assertThat(t.getOfferType()).isNotNull();
    assertThat(t.getRawOfferType()).isEqualTo(1);
    assertThat(t.getOfferDiscountType()).isEqualTo(OfferDiscountType.FREE_TRIAL);
    assertThat(t.getOfferPeriod()).isEqualTo("P1W");
    assertThat(t.getPrice()).isZero();
    assertThat(t.getExpiresDate() - t.getPurchaseDate()).as("sandbox: one week = 3 minutes").isEqualTo(180_000L);

    BraeburnClient client = new BraeburnClient(LEDGERLY);
    assertThat(status(client, verifier, t.getTransactionId())).isEqualTo(Status.ACTIVE);
    // the free trial renews at the regular monthly price (sandbox: 5 minutes)
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":181}", null);
    HistoryResponse history = client.getTransactionHistory(t.getTransactionId(), null, new TransactionHistoryRequest(), GetTransactionHistoryVersion.V2);
    assertThat(history.getSignedTransactions()).hasSize(2);
    JWSTransactionDecodedPayload renewal = verifier.verifyAndDecodeTransaction(history.getSignedTransactions().getLast());
    assertThat(renewal.getRawTransactionReason()).isEqualTo("RENEWAL");
    assertThat(renewal.getOriginalTransactionId()).isEqualTo(t.getTransactionId());
    assertThat(renewal.getOfferType()).isNull();
    assertThat(renewal.getPrice()).isPositive();
    assertThat(renewal.getExpiresDate() - renewal.getPurchaseDate()).isEqualTo(300_000L);

    TestServer.Reply again = server.admin("POST", "/_braeburn/storekit/purchases",
        "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + YEARLY + "\",\"customer\":\"trialist\"}", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already has subscription");
  }

  @Test
  void lifecycleBuyRenewFailRecoverCancelExpire() throws Exception {
    JsonNode bought = buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + YEARLY + "\",\"customer\":\"lifer\"}");
    String original = bought.path("originalTransactionId").asText();
    SignedDataVerifier verifier = verifier(LEDGERLY, 1600000002L);
    BraeburnClient client = new BraeburnClient(LEDGERLY);
    assertThat(status(client, verifier, original)).isEqualTo(Status.ACTIVE);

    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":3601}", null); // sandbox: one year = 1 hour
    assertThat(status(client, verifier, original)).isEqualTo(Status.ACTIVE);
    assertThat(server.admin("GET", "/_braeburn/storekit/subscriptions/" + original, null, null).json().path("renewals").asInt()).isEqualTo(1);

    event(original, "{\"type\":\"FAIL_RENEWAL\"}");
    assertThat(status(client, verifier, original)).isEqualTo(Status.BILLING_RETRY);
    event(original, "{\"type\":\"RECOVER\"}");
    assertThat(status(client, verifier, original)).isEqualTo(Status.ACTIVE);
    event(original, "{\"type\":\"FAIL_RENEWAL\",\"gracePeriodDays\":16}");
    assertThat(status(client, verifier, original)).isEqualTo(Status.BILLING_GRACE_PERIOD);
    event(original, "{\"type\":\"RECOVER\"}");
    event(original, "{\"type\":\"CANCEL_AUTO_RENEW\"}");
    LastTransactionsItem item = last(client, original);
    JWSRenewalInfoDecodedPayload renewal = verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo());
    assertThat(renewal.getRawAutoRenewStatus()).isZero();
    assertThat(item.getStatus()).isEqualTo(Status.ACTIVE);

    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":3601}", null);
    item = last(client, original);
    assertThat(item.getStatus()).isEqualTo(Status.EXPIRED);
    assertThat(verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo()).getRawExpirationIntent()).isEqualTo(1);
    StatusResponse onlyActive = client.getAllSubscriptionStatuses(original, new Status[] {Status.ACTIVE});
    assertThat(onlyActive.getData()).isEmpty();
    assertThat(history(client, original)).hasSize(4); // purchase, renewal, two recoveries

    assertThat(apiError(() -> client.setAppAccountToken(original, new UpdateAppAccountTokenRequest(UUID.randomUUID()))))
        .as("a known original id").isEqualTo(0L);
    String renewalId = verifier.verifyAndDecodeTransaction(history(client, original).getLast()).getTransactionId();
    assertThat(apiError(() -> client.setAppAccountToken(renewalId, new UpdateAppAccountTokenRequest(UUID.randomUUID()))))
        .isEqualTo(4000187L);
    String token = ServerApiAdmissionAcceptanceTest.token(keyFile(), LEDGERLY);
    TestServer.Reply notUuid = server.send("PUT", "/inApps/v1/transactions/" + original + "/appAccountToken", "{\"appAccountToken\":\"x\"}", token);
    assertThat(notUuid.json().path("errorCode").asLong()).isEqualTo(4000183);
    assertThat(server.send("GET", "/inApps/v1/subscriptions/" + original + "?status=9", null, token).json().path("errorCode").asLong())
        .isEqualTo(4000031);
  }

  @Test
  void anUpgradeMovesTheSubscriptionAndAResubscriberGetsNoSecondTrial() throws Exception {
    JsonNode bought = buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + MONTHLY + "\",\"customer\":\"upgrader\"}");
    String original = bought.path("originalTransactionId").asText();
    SignedDataVerifier verifier = verifier(LEDGERLY, 1600000002L);
    BraeburnClient client = new BraeburnClient(LEDGERLY);
    event(original, "{\"type\":\"UPGRADE\",\"productId\":\"" + YEARLY + "\"}");
    LastTransactionsItem item = last(client, original);
    JWSTransactionDecodedPayload now = verifier.verifyAndDecodeTransaction(item.getSignedTransactionInfo());
    assertThat(now.getProductId()).isEqualTo(YEARLY);
    assertThat(now.getOriginalTransactionId()).isEqualTo(original);
    JWSTransactionDecodedPayload upgraded = verifier.verifyAndDecodeTransaction(client.getTransactionInfo(original).getSignedTransactionInfo());
    assertThat(upgraded.getIsUpgraded()).isTrue();

    event(original, "{\"type\":\"EXPIRE\"}");
    assertThat(last(client, original).getStatus()).isEqualTo(Status.EXPIRED);
    JsonNode back = buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + MONTHLY + "\",\"customer\":\"upgrader\"}");
    JWSTransactionDecodedPayload resubscribed = verifier.verifyAndDecodeTransaction(back.path("signedTransaction").asText());
    assertThat(resubscribed.getOriginalTransactionId()).as("one original transaction per group").isEqualTo(original);
    assertThat(resubscribed.getOfferType()).as("the trial was had").isNull();
    assertThat(resubscribed.getPrice()).isPositive();
    TestServer.Reply insist = server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\""
        + MONTHLY + "\",\"customer\":\"other\",\"offer\":\"INTRODUCTORY\",\"storefront\":\"FRA\"}", null);
    assertThat(insist.status()).isEqualTo(409);
    assertThat(insist.body()).contains("no introductory offer in FRA");

    assertThat(apiError(() -> client.getTransactionInfo(resubscribed.getAppTransactionId()))).isEqualTo(4000048L);
    assertThat(client.getAllSubscriptionStatuses(resubscribed.getAppTransactionId(), null).getData()).hasSize(1);
  }

  @Test
  void ordersAreLookedUpInProduction() throws Exception {
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
    try {
      JsonNode bought = buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + TIP + "\",\"customer\":\"buyer\",\"storefront\":\"JPN\"}");
      assertThat(bought.path("orderId").asText()).matches("MQ[A-Z0-9]{8}");
      SignedDataVerifier verifier = new SignedDataVerifier(Set.of(new ByteArrayInputStream(root())), TIDELINE, 1600000001L,
          Environment.PRODUCTION, false);
      JWSTransactionDecodedPayload t = verifier.verifyAndDecodeTransaction(bought.path("signedTransaction").asText());
      assertThat(t.getStorefrontId()).isEqualTo("143462");
      assertThat(t.getCurrency()).isEqualTo("JPY");
      assertThat(t.getPrice() % 1000).as("yen have no cents").isZero();
      BraeburnClient client = new BraeburnClient(TIDELINE);
      var order = client.lookUpOrderId(bought.path("orderId").asText());
      assertThat(order.getRawStatus()).isZero();
      assertThat(verifier.verifyAndDecodeTransaction(order.getSignedTransactions().getFirst()).getTransactionId()).isEqualTo(t.getTransactionId());
      assertThat(client.lookUpOrderId("MQ00000000").getRawStatus()).isEqualTo(1);
      String sandbox = buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + TIP + "\",\"customer\":\"buyer\",\"environment\":\"Sandbox\"}")
          .path("transactionId").asText();
      assertThat(apiError(() -> client.getTransactionInfo(sandbox))).as("the other environment's transaction").isEqualTo(4040010L);
      assertThat(client.getTransactionHistory(t.getTransactionId(), null, new TransactionHistoryRequest(), GetTransactionHistoryVersion.V2)
          .getSignedTransactions()).as("history stays in its environment").hasSize(1);
    } finally {
      server.admin("PATCH", "/_braeburn/storekit/apps/1600000001", "{\"environment\":\"Sandbox\"}", null);
    }
  }

  @Test
  void sandboxRenewsTwelveTimesThenExpires() throws Exception {
    JsonNode bought = buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + MONTHLY + "\",\"customer\":\"marathon\",\"offer\":\"NONE\"}");
    String original = bought.path("originalTransactionId").asText();
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + (13 * 300 + 5) + "}", null); // sandbox: 1 month = 5 minutes
    BraeburnClient client = new BraeburnClient(LEDGERLY);
    LastTransactionsItem item = last(client, original);
    assertThat(item.getStatus()).isEqualTo(Status.EXPIRED);
    JsonNode state = server.admin("GET", "/_braeburn/storekit/subscriptions/" + original, null, null).json();
    assertThat(state.path("renewals").asInt()).isEqualTo(12);
    assertThat(state.path("autoRenewStatus").asInt()).isZero();
    assertThat(history(client, original)).hasSize(13);
  }

  static byte[] root() {
    String pem = server.send("GET", "/_braeburn/ca/roots.pem", null, null).body();
    return pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----", pem.indexOf("-----END CERTIFICATE-----"))).getBytes(StandardCharsets.US_ASCII);
  }

  static List<String> history(BraeburnClient client, String id) throws Exception {
    return client.getTransactionHistory(id, null, new TransactionHistoryRequest(), GetTransactionHistoryVersion.V2).getSignedTransactions();
  }

  static Status status(BraeburnClient client, SignedDataVerifier verifier, String id) throws Exception {
    LastTransactionsItem item = last(client, id);
    verifier.verifyAndDecodeTransaction(item.getSignedTransactionInfo());
    verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo());
    return item.getStatus();
  }

  static LastTransactionsItem last(BraeburnClient client, String id) throws Exception {
    StatusResponse response = client.getAllSubscriptionStatuses(id, null);
    assertThat(response.getData()).hasSize(1);
    return response.getData().getFirst().getLastTransactions().getFirst();
  }

  static dev.braeburn.client.ApiKeyFile keyFile() {
    return dev.braeburn.client.ApiKeyFile.fromPem(key.path("keyId").asText(), key.path("issuerId").asText(), key.path("privateKey").asText());
  }

  static long apiError(ServerApiCalls.Call call) {
    return ServerApiCalls.apiError(call);
  }
}
