package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.PurchasesAcceptanceTest.apiError;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.buy;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.event;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.ConsumptionRequest;
import com.apple.itunes.storekit.model.DeliveryStatus;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.ExtendReasonCode;
import com.apple.itunes.storekit.model.ExtendRenewalDateRequest;
import com.apple.itunes.storekit.client.GetTransactionHistoryVersion;
import com.apple.itunes.storekit.model.InAppOwnershipType;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.LastTransactionsItem;
import com.apple.itunes.storekit.model.MassExtendRenewalDateRequest;
import com.apple.itunes.storekit.model.NotificationHistoryRequest;
import com.apple.itunes.storekit.model.NotificationHistoryResponse;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.model.RevocationType;
import com.apple.itunes.storekit.model.Status;
import com.apple.itunes.storekit.model.TransactionHistoryRequest;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Family Sharing over Apple's Java client (docs/purchases.md "Family Sharing"): a purchase of a
 * family-sharable product names family members, each gets a FAMILY_SHARED transaction with ids of
 * its own; a shared subscription's members follow the purchaser's renewals and extensions; a refund
 * revokes their access with REVOKE; the endpoints that refuse family members' transactions do.
 * Tideline sells in sandbox; Ledgerly in production (real periods: Plus Monthly's week of free trial).
 */
class FamilySharingAcceptanceTest extends SharedDemoServerTest {
  static final String TIDELINE = PurchasesAcceptanceTest.TIDELINE;
  static final String LEDGERLY = PurchasesAcceptanceTest.LEDGERLY;
  static final String MONTHLY = PurchasesAcceptanceTest.MONTHLY;
  static final long DAY = Duration.ofDays(1).toMillis();

  @BeforeAll
  static void keyProductionAndSharableMonthly() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    PurchasesAcceptanceTest.key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000002", "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
    // Plus Monthly ships with Family Sharing off; turning it on is the developer's one-way switch in App Store Connect
    TestServer.Reply on = server.send("PATCH", "/v1/subscriptions/6752100301", "{\"data\":{\"type\":\"subscriptions\",\"id\":\"6752100301\","
        + "\"attributes\":{\"familySharable\":true}}}");
    assertThat(on.status()).as(on.body()).isEqualTo(200);
  }

  @Test
  void aSharedNonConsumableReachesEachMemberAndARefundRevokesIt() throws Exception {
    PurchasesAcceptanceTest.BraeburnClient client = new PurchasesAcceptanceTest.BraeburnClient(TIDELINE);
    SignedDataVerifier verifier = PurchasesAcceptanceTest.verifier(TIDELINE, 1600000001L);
    JsonNode bought = buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + PurchasesAcceptanceTest.CHARTS + "\",\"customer\":\"nc-parent\","
        + "\"familyMembers\":[\"nc-kid\",\"nc-partner\"]}");
    String purchase = bought.path("transactionId").asText();
    JWSTransactionDecodedPayload purchased = verifier.verifyAndDecodeTransaction(bought.path("signedTransaction").asText());
    assertThat(purchased.getInAppOwnershipType()).isEqualTo(InAppOwnershipType.PURCHASED);
    assertThat(bought.path("familyMembers")).hasSize(2);
    List<String> members = new ArrayList<>();
    for (JsonNode member : bought.path("familyMembers")) {
      JWSTransactionDecodedPayload shared = verifier.verifyAndDecodeTransaction(
          client.getTransactionInfo(member.path("transactionId").asText()).getSignedTransactionInfo());
      assertThat(shared.getInAppOwnershipType()).isEqualTo(InAppOwnershipType.FAMILY_SHARED);
      assertThat(shared.getTransactionId()).isNotEqualTo(purchase).isEqualTo(shared.getOriginalTransactionId());
      assertThat(shared.getProductId()).isEqualTo(PurchasesAcceptanceTest.CHARTS);
      assertThat(shared.getPurchaseDate()).isEqualTo(purchased.getPurchaseDate());
      assertThat(shared.getPrice()).as("the purchaser paid").isNull();
      assertThat(shared.getAppTransactionId()).isNotEqualTo(purchased.getAppTransactionId());
      members.add(shared.getTransactionId());
    }
    String kid = members.getFirst();

    // the kid's own purchase beside the shared one: history's ownership filter tells them apart
    String tip = buy("{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + PurchasesAcceptanceTest.TIP + "\",\"customer\":\"nc-kid\"}")
        .path("transactionId").asText();
    assertThat(history(client, verifier, kid, InAppOwnershipType.FAMILY_SHARED)).containsExactly(kid);
    assertThat(history(client, verifier, kid, InAppOwnershipType.PURCHASED)).containsExactly(tip);
    assertThat(history(client, verifier, kid, null)).containsExactly(kid, tip);
    assertThat(history(client, verifier, purchase, InAppOwnershipType.FAMILY_SHARED)).isEmpty();

    assertThat(apiError(() -> client.sendConsumptionInformation(kid, new ConsumptionRequest(true, DeliveryStatus.DELIVERED, false))))
        .as("FamilyTransactionNotSupportedError").isEqualTo(4000185L);

    event(purchase, "{\"type\":\"REFUND\"}");
    for (String member : members) {
      JWSTransactionDecodedPayload revoked = verifier.verifyAndDecodeTransaction(client.getTransactionInfo(member).getSignedTransactionInfo());
      assertThat(revoked.getRevocationDate()).isNotNull();
      assertThat(revoked.getRevocationType()).isEqualTo(RevocationType.FAMILY_REVOKE);
      assertThat(notifications(client, verifier, member)).containsExactly("ONE_TIME_CHARGE", "REVOKE");
    }
    assertThat(notifications(client, verifier, purchase)).containsExactly("ONE_TIME_CHARGE", "REFUND");
  }

  @Test
  void aSharedSubscriptionsMembersFollowThePurchaserUntilTheRefundRevokesThem() throws Exception {
    PurchasesAcceptanceTest.BraeburnClient client = new PurchasesAcceptanceTest.BraeburnClient(LEDGERLY);
    SignedDataVerifier verifier = ledgerly();
    JsonNode bought = monthlyFor("sub-parent", "sub-kid");
    String purchaser = bought.path("originalTransactionId").asText();
    String kid = bought.path("familyMembers").get(0).path("originalTransactionId").asText();
    JWSTransactionDecodedPayload first = verifier.verifyAndDecodeTransaction(bought.path("familyMembers").get(0).path("signedTransaction").asText());
    assertThat(first.getInAppOwnershipType()).isEqualTo(InAppOwnershipType.FAMILY_SHARED);
    assertThat(first.getOriginalTransactionId()).isNotEqualTo(purchaser);
    assertThat(first.getExpiresDate()).isEqualTo(expires(client, verifier, purchaser));
    assertThat(first.getOfferType()).as("the trial is the purchaser's offer").isNull();
    assertThat(last(client, verifier, kid).getStatus()).isEqualTo(Status.ACTIVE);

    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(kid, extend(3, "kid"))))
        .as("FamilySharedSubscriptionExtensionIneligibleError").isEqualTo(4030007L);
    assertThat(server.admin("POST", "/_braeburn/storekit/subscriptions/" + kid + "/events", "{\"type\":\"RENEW\"}", null).status())
        .as("a member's subscription follows the purchaser's").isEqualTo(409);
    assertThat(server.admin("POST", "/_braeburn/storekit/subscriptions/" + purchaser + "/events", "{\"type\":\"REVOKE\"}", null).status())
        .as("REVOKE is for a member's share").isEqualTo(409);

    advance(8 * 24 * 3600); // the week of free trial ends: the purchaser renews, and the member with them
    assertThat(last(client, verifier, kid).getStatus()).isEqualTo(Status.ACTIVE);
    assertThat(expires(client, verifier, kid)).isEqualTo(expires(client, verifier, purchaser));
    JWSTransactionDecodedPayload renewal = verifier.verifyAndDecodeTransaction(last(client, verifier, kid).getSignedTransactionInfo());
    assertThat(renewal.getRawTransactionReason()).isEqualTo("RENEWAL");
    assertThat(renewal.getInAppOwnershipType()).isEqualTo(InAppOwnershipType.FAMILY_SHARED);
    assertThat(renewal.getOriginalTransactionId()).isEqualTo(kid);

    long before = expires(client, verifier, purchaser);
    client.extendRenewalDateForAllActiveSubscribers(new MassExtendRenewalDateRequest().requestIdentifier("family-mass").productId(MONTHLY)
        .extendByDays(7).extendReasonCode(ExtendReasonCode.SERVICE_ISSUE_OR_OUTAGE));
    advance(3601);
    assertThat(client.getStatusOfSubscriptionRenewalDateExtensions("family-mass", MONTHLY).getSucceededCount())
        .as("the purchaser; the member moves with them").isEqualTo(1L);
    assertThat(expires(client, verifier, purchaser)).isEqualTo(before + 7 * DAY);
    assertThat(expires(client, verifier, kid)).isEqualTo(before + 7 * DAY);

    event(purchaser, "{\"type\":\"REFUND\"}");
    LastTransactionsItem revoked = last(client, verifier, kid);
    assertThat(revoked.getStatus()).isEqualTo(Status.REVOKED);
    assertThat(verifier.verifyAndDecodeTransaction(revoked.getSignedTransactionInfo()).getRevocationType()).isEqualTo(RevocationType.FAMILY_REVOKE);
    assertThat(notifications(client, verifier, kid)).containsExactly("SUBSCRIBED/INITIAL_BUY", "DID_RENEW", "RENEWAL_EXTENDED", "REVOKE");
    assertThat(notifications(client, verifier, purchaser)).last().isEqualTo("REFUND");
  }

  @Test
  void stoppingSharingForOneMemberRevokesOnlyThem() throws Exception {
    PurchasesAcceptanceTest.BraeburnClient client = new PurchasesAcceptanceTest.BraeburnClient(LEDGERLY);
    SignedDataVerifier verifier = ledgerly();
    JsonNode bought = monthlyFor("stop-parent", "stop-kid\",\"stop-partner");
    String purchaser = bought.path("originalTransactionId").asText();
    String kid = bought.path("familyMembers").get(0).path("originalTransactionId").asText();
    String partner = bought.path("familyMembers").get(1).path("originalTransactionId").asText();

    event(kid, "{\"type\":\"REVOKE\"}");
    event(purchaser, "{\"type\":\"CANCEL_AUTO_RENEW\"}");
    assertThat(last(client, verifier, kid).getStatus()).isEqualTo(Status.REVOKED);
    assertThat(last(client, verifier, partner).getStatus()).isEqualTo(Status.ACTIVE);
    assertThat(notifications(client, verifier, kid)).containsExactly("SUBSCRIBED/INITIAL_BUY", "REVOKE");
    assertThat(notifications(client, verifier, partner)).containsExactly("SUBSCRIBED/INITIAL_BUY", "DID_CHANGE_RENEWAL_STATUS/AUTO_RENEW_DISABLED");
  }

  @Test
  void aProductThatIsNotFamilySharableRefusesFamilyMembers() {
    TestServer.Reply yearly = server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\""
        + PurchasesAcceptanceTest.YEARLY + "\",\"customer\":\"ns-parent\",\"familyMembers\":[\"ns-kid\"]}", null);
    assertThat(yearly.status()).isEqualTo(409);
    assertThat(yearly.body()).contains("not family sharable").contains("/familyMembers");
    TestServer.Reply tip = server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\""
        + PurchasesAcceptanceTest.TIP + "\",\"customer\":\"ns-parent\",\"familyMembers\":[\"ns-kid\"]}", null);
    assertThat(tip.status()).isEqualTo(409);
    assertThat(tip.body()).contains("consumable");
    TestServer.Reply self = server.admin("POST", "/_braeburn/storekit/purchases", "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\""
        + PurchasesAcceptanceTest.CHARTS + "\",\"customer\":\"ns-parent\",\"familyMembers\":[\"ns-parent\"]}", null);
    assertThat(self.status()).isEqualTo(409);
  }

  /** Plus Monthly bought by {@code purchaser} for the family members named (a JSON string list's inside). */
  private static JsonNode monthlyFor(String purchaser, String members) {
    return buy("{\"bundleId\":\"" + LEDGERLY + "\",\"productId\":\"" + MONTHLY + "\",\"customer\":\"" + purchaser + "\","
        + "\"familyMembers\":[\"" + members + "\"]}");
  }

  private static SignedDataVerifier ledgerly() {
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(root())), LEDGERLY, 1600000002L, Environment.PRODUCTION, false);
  }

  /** The transaction ids of the customer's history (of {@code id}'s customer) with the ownership filter, oldest first. */
  private static List<String> history(PurchasesAcceptanceTest.BraeburnClient client, SignedDataVerifier verifier, String id,
      InAppOwnershipType ownership) throws Exception {
    TransactionHistoryRequest request = new TransactionHistoryRequest();
    if (ownership != null) {
      request.inAppOwnershipType(ownership);
    }
    List<String> out = new ArrayList<>();
    for (String signed : client.getTransactionHistory(id, null, request, GetTransactionHistoryVersion.V2).getSignedTransactions()) {
      out.add(verifier.verifyAndDecodeTransaction(signed).getTransactionId());
    }
    return out;
  }

  private static LastTransactionsItem last(PurchasesAcceptanceTest.BraeburnClient client, SignedDataVerifier verifier, String id)
      throws Exception {
    LastTransactionsItem item = client.getAllSubscriptionStatuses(id, null).getData().getFirst().getLastTransactions().getFirst();
    assertThat(item.getOriginalTransactionId()).isEqualTo(id);
    verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo());
    return item;
  }

  private static long expires(PurchasesAcceptanceTest.BraeburnClient client, SignedDataVerifier verifier, String id) throws Exception {
    return verifier.verifyAndDecodeTransaction(last(client, verifier, id).getSignedTransactionInfo()).getExpiresDate();
  }

  /** The notifications of {@code id}'s subscription or purchase, oldest first, as "TYPE/SUBTYPE", each verified. */
  private static List<String> notifications(PurchasesAcceptanceTest.BraeburnClient client, SignedDataVerifier verifier, String id)
      throws Exception {
    long now = ServerNotificationsAcceptanceTest.now().toEpochMilli();
    return notifications(client, verifier, new NotificationHistoryRequest().startDate(now - 29 * DAY).endDate(now + 1000).transactionId(id));
  }

  /** Every notification the request finds, oldest first, as "TYPE/SUBTYPE", each verified (all pages). */
  static List<String> notifications(PurchasesAcceptanceTest.BraeburnClient client, SignedDataVerifier verifier,
      NotificationHistoryRequest request) throws Exception {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      NotificationHistoryResponse page = client.getNotificationHistory(token, request);
      for (var item : page.getNotificationHistory()) {
        ResponseBodyV2DecodedPayload n = verifier.verifyAndDecodeNotification(item.getSignedPayload());
        out.add(n.getRawNotificationType() + (n.getRawSubtype() == null ? "" : "/" + n.getRawSubtype()));
      }
      token = Boolean.TRUE.equals(page.getHasMore()) ? page.getPaginationToken() : null;
    } while (token != null);
    return out;
  }

  private static ExtendRenewalDateRequest extend(int days, String requestIdentifier) {
    return new ExtendRenewalDateRequest().extendByDays(days).extendReasonCode(ExtendReasonCode.CUSTOMER_SATISFACTION)
        .requestIdentifier(requestIdentifier);
  }

  private static void advance(long seconds) {
    ServerNotificationsAcceptanceTest.advance(seconds);
  }
}
