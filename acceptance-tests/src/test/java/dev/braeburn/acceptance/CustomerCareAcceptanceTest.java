package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.PurchasesAcceptanceTest.apiError;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.buy;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.event;
import static dev.braeburn.acceptance.PurchasesAcceptanceTest.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.model.AccountTenure;
import com.apple.itunes.storekit.model.ConsumptionRequest;
import com.apple.itunes.storekit.model.ConsumptionRequestV1;
import com.apple.itunes.storekit.model.ConsumptionStatus;
import com.apple.itunes.storekit.model.DeliveryStatus;
import com.apple.itunes.storekit.model.DeliveryStatusV1;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.ExtendReasonCode;
import com.apple.itunes.storekit.model.ExtendRenewalDateRequest;
import com.apple.itunes.storekit.model.ExtendRenewalDateResponse;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.LastTransactionsItem;
import com.apple.itunes.storekit.model.LifetimeDollarsPurchased;
import com.apple.itunes.storekit.model.LifetimeDollarsRefunded;
import com.apple.itunes.storekit.model.MassExtendRenewalDateRequest;
import com.apple.itunes.storekit.model.MassExtendRenewalDateStatusResponse;
import com.apple.itunes.storekit.model.Platform;
import com.apple.itunes.storekit.model.PlayTime;
import com.apple.itunes.storekit.model.RefundPreference;
import com.apple.itunes.storekit.model.RefundPreferenceV1;
import com.apple.itunes.storekit.model.Status;
import com.apple.itunes.storekit.model.UserStatus;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer care over Apple's Java client (docs/purchases.md "Refund requests and consumption
 * information", "Renewal-date extensions"): every documented refusal of Send Consumption
 * Information v2 and v1, a refund request decided at the end of its 12-hour window on the virtual
 * clock, single and mass renewal-date extensions with their limits. Tideline (consumables) sells
 * in sandbox, Ledgerly (subscriptions, real periods) in production.
 */
class CustomerCareAcceptanceTest extends SharedDemoServerTest {
  static final String TIDELINE = PurchasesAcceptanceTest.TIDELINE;
  static final String LEDGERLY = PurchasesAcceptanceTest.LEDGERLY;
  static final String TIP = PurchasesAcceptanceTest.TIP;
  static final String CHARTS = PurchasesAcceptanceTest.CHARTS;
  static final String MONTHLY = PurchasesAcceptanceTest.MONTHLY;
  static final String YEARLY = PurchasesAcceptanceTest.YEARLY;
  static final long DAY = Duration.ofDays(1).toMillis();
  static JsonNode key;

  @BeforeAll
  static void freezeKeyAndProduction() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    assertThat(server.admin("PATCH", "/_braeburn/storekit/apps/1600000002", "{\"environment\":\"Production\"}", null).status()).isEqualTo(200);
  }

  static final class Client extends AppStoreServerAPIClient {
    Client(String bundleId) {
      super(key.path("privateKey").asText(), key.path("keyId").asText(), key.path("issuerId").asText(), bundleId, Environment.SANDBOX);
    }

    @Override
    protected String getUrlForEnvironment(Environment environment) {
      return server.baseUrl();
    }
  }

  static SignedDataVerifier ledgerly() {
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(root())), LEDGERLY, 1600000002L, Environment.PRODUCTION, false);
  }

  static SignedDataVerifier tideline() {
    return new SignedDataVerifier(Set.of(new ByteArrayInputStream(root())), TIDELINE, 1600000001L, Environment.SANDBOX, false);
  }

  static String bought(String bundleId, String productId, String customer, String storefront) {
    return buy("{\"bundleId\":\"" + bundleId + "\",\"productId\":\"" + productId + "\",\"customer\":\"" + customer + "\",\"storefront\":\""
        + storefront + "\"}").path("transactionId").asText();
  }

  static ConsumptionRequest v2(Consumer<ConsumptionRequest> change) {
    ConsumptionRequest r = new ConsumptionRequest(true, DeliveryStatus.DELIVERED, false);
    change.accept(r);
    return r;
  }

  static ConsumptionRequestV1 v1(Consumer<ConsumptionRequestV1> change) {
    ConsumptionRequestV1 r = new ConsumptionRequestV1().customerConsented(true).consumptionStatus(ConsumptionStatus.PARTIALLY_CONSUMED)
        .platform(Platform.APPLE).sampleContentProvided(false).deliveryStatus(DeliveryStatusV1.DELIVERED_AND_WORKING_PROPERLY)
        .appAccountToken(null).accountTenure(AccountTenure.THIRTY_DAYS_TO_NINETY_DAYS).playTime(PlayTime.ONE_TO_SIX_HOURS)
        .lifetimeDollarsRefunded(LifetimeDollarsRefunded.ZERO_DOLLARS).lifetimeDollarsPurchased(LifetimeDollarsPurchased.ONE_CENT_TO_FORTY_NINE_DOLLARS_AND_NINETY_NINE_CENTS)
        .userStatus(UserStatus.ACTIVE);
    change.accept(r);
    return r;
  }

  @Test
  void consumptionInformationV2RefusesEveryDocumentedMistake() throws Exception {
    Client client = new Client(TIDELINE);
    String tip = bought(TIDELINE, TIP, "care-v2", "USA");
    String appTransactionId = tideline().verifyAndDecodeTransaction(client.getTransactionInfo(tip).getSignedTransactionInfo()).getAppTransactionId();
    assertThat(apiError(() -> client.sendConsumptionInformation("abc", v2(r -> {})))).isEqualTo(4000006L);
    assertThat(apiError(() -> client.sendConsumptionInformation("2000000999999999", v2(r -> {})))).isEqualTo(4040010L);
    assertThat(apiError(() -> client.sendConsumptionInformation(appTransactionId, v2(r -> {})))).isEqualTo(4000048L);
    assertThat(apiError(() -> new Client(LEDGERLY).sendConsumptionInformation(tip, v2(r -> {})))).as("another app's").isEqualTo(4040010L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.setCustomerConsented(false))))).isEqualTo(4000035L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.setRawDeliveryStatus("LOST"))))).isEqualTo(4000036L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.setRawRefundPreference("MAYBE"))))).isEqualTo(4000044L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.setConsumptionPercentage(100_001))))).isEqualTo(4000049L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.setConsumptionPercentage(-1))))).isEqualTo(4000049L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.deliveryStatus(DeliveryStatus.UNDELIVERED_OTHER)
        .consumptionPercentage(10))))).as("undelivered yet consumed").isEqualTo(4000050L);
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.refundPreference(RefundPreference.GRANT_PRORATED)
        .consumptionPercentage(100_000))))).as("prorated needs a part consumed and a part left").isEqualTo(4000049L);
    String yearly = bought(LEDGERLY, YEARLY, "care-v2", "USA");
    Client ledgerly = new Client(LEDGERLY);
    assertThat(apiError(() -> ledgerly.sendConsumptionInformation(yearly, v2(r -> r.consumptionPercentage(0)))))
        .as("Apple computes an auto-renewable's from time").isEqualTo(4000051L);
    assertThat(apiError(() -> ledgerly.sendConsumptionInformation(yearly, v2(r -> r.refundPreference(RefundPreference.GRANT_PRORATED))))).isZero();
    assertThat(apiError(() -> client.sendConsumptionInformation(tip, v2(r -> r.consumptionPercentage(15))))).isZero();
  }

  @Test
  void consumptionInformationV1RefusesEveryOutOfRangeCode() {
    Client client = new Client(TIDELINE);
    String tip = bought(TIDELINE, TIP, "care-v1", "USA");
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setCustomerConsented(false))))).isEqualTo(4000035L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawConsumptionStatus(4))))).isEqualTo(4000034L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawPlatform(3))))).isEqualTo(4000039L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setSampleContentProvided(null))))).isEqualTo(4000041L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawDeliveryStatus(6))))).isEqualTo(4000036L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawAccountTenure(8))))).isEqualTo(4000032L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawPlayTime(8))))).isEqualTo(4000040L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawLifetimeDollarsRefunded(8))))).isEqualTo(4000038L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawLifetimeDollarsPurchased(8))))).isEqualTo(4000037L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawUserStatus(5))))).isEqualTo(4000042L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.setRawRefundPreference(4))))).isEqualTo(4000044L);
    String charts = bought(TIDELINE, CHARTS, "care-v1", "USA");
    assertThat(apiError(() -> client.sendConsumptionData(charts, v1(r -> {})))).as("v1 covers consumables and auto-renewables").isEqualTo(4000047L);
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> r.appAccountToken(UUID.randomUUID()))))).isZero();
    assertThat(apiError(() -> client.sendConsumptionData(tip, v1(r -> {})))).as("no token: an empty string").isZero();
  }

  @Test
  void aRefundRequestIsDecidedAtTheEndOfItsTwelveHourWindowByTheConsumptionInformationSent() throws Exception {
    Client client = new Client(TIDELINE);
    String prorated = bought(TIDELINE, TIP, "refunds", "USA");
    String silent = bought(TIDELINE, TIP, "refunds", "USA");
    String declined = bought(TIDELINE, TIP, "refunds", "USA");
    String granted = bought(TIDELINE, TIP, "refunds", "USA");
    JsonNode request = refundRequest(prorated, "UNSATISFIED_WITH_PURCHASE");
    assertThat(request.path("consumptionRequestDeadline").asLong() - request.path("requestDate").asLong()).isEqualTo(12 * 3_600_000L);
    assertThat(server.admin("POST", "/_braeburn/storekit/refundRequests", "{\"transactionId\":\"" + prorated
        + "\",\"reason\":\"OTHER\"}", null).status()).as("one open request at a time").isNotEqualTo(201);
    assertThat(server.admin("POST", "/_braeburn/storekit/refundRequests", "{\"transactionId\":\"" + silent
        + "\",\"reason\":\"BORED\"}", null).status()).isNotEqualTo(201);
    refundRequest(silent, "UNSATISFIED_WITH_PURCHASE");
    refundRequest(declined, "UNINTENDED_PURCHASE");
    refundRequest(granted, "OTHER");
    client.sendConsumptionInformation(prorated, v2(r -> r.refundPreference(RefundPreference.GRANT_PRORATED).consumptionPercentage(30_000)));
    client.sendConsumptionInformation(declined, v2(r -> r.refundPreference(RefundPreference.DECLINE).consumptionPercentage(90_000)));
    client.sendConsumptionData(granted, v1(r -> r.refundPreference(RefundPreferenceV1.PREFER_GRANT)));

    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + (11 * 3600) + "}", null);
    assertThat(decision(prorated).path("state").asText()).isEqualTo("PENDING");
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":3601}", null);

    JsonNode p = decision(prorated);
    assertThat(p.path("state").asText()).isEqualTo("REFUNDED");
    assertThat(p.path("decision").asText()).isEqualTo("REFUND_PRORATED");
    assertThat(p.path("rule").asText()).isEqualTo("developer-grants-prorated");
    assertThat(p.path("revocationPercentage").asInt()).isEqualTo(70_000);
    assertThat(decision(silent).path("rule").asText()).isEqualTo("no-information");
    assertThat(decision(silent).path("state").asText()).isEqualTo("DECLINED");
    assertThat(decision(declined).path("decisionReason").asText()).contains("DECLINE is honoured");
    assertThat(decision(granted).path("decision").asText()).isEqualTo("REFUND_FULL");

    SignedDataVerifier verifier = tideline();
    List<String> refunds = client.getRefundHistory(prorated, null).getSignedTransactions();
    assertThat(refunds).hasSize(2);
    JWSTransactionDecodedPayload first = verifier.verifyAndDecodeTransaction(refunds.getFirst());
    JWSTransactionDecodedPayload refunded = first.getTransactionId().equals(prorated) ? first : verifier.verifyAndDecodeTransaction(refunds.getLast());
    assertThat(refunded.getRawRevocationType()).isEqualTo("REFUND_PRORATED");
    assertThat(refunded.getRevocationPercentage()).isEqualTo(70_000);
    assertThat(refunded.getRevocationDate()).isEqualTo(p.path("decidedDate").asLong());
    assertThat(verifier.verifyAndDecodeTransaction(client.getTransactionInfo(silent).getSignedTransactionInfo()).getRevocationDate()).isNull();
  }

  @Test
  void aRefundedSubscriptionPeriodIsRevoked() throws Exception {
    String yearly = bought(LEDGERLY, YEARLY, "care-refund", "USA");
    refundRequest(yearly, "FULFILLMENT_ISSUE");
    Client client = new Client(LEDGERLY);
    client.sendConsumptionInformation(yearly, v2(r -> r.deliveryStatus(DeliveryStatus.UNDELIVERED_SERVER_OUTAGE)));
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + (12 * 3600 + 1) + "}", null);
    assertThat(decision(yearly).path("rule").asText()).isEqualTo("not-delivered");
    LastTransactionsItem item = client.getAllSubscriptionStatuses(yearly, null).getData().getFirst().getLastTransactions().getFirst();
    assertThat(item.getStatus()).isEqualTo(Status.REVOKED);
    JWSTransactionDecodedPayload t = ledgerly().verifyAndDecodeTransaction(item.getSignedTransactionInfo());
    assertThat(t.getRawRevocationType()).isEqualTo("REFUND_FULL");
    assertThat(t.getRawRevocationReason()).isEqualTo(1);
  }

  @Test
  void aSubscriptionIsExtendedAtMostTwiceAYearAndOnlyWhenPaidAndActive() throws Exception {
    Client client = new Client(LEDGERLY);
    SignedDataVerifier verifier = ledgerly();
    String yearly = bought(LEDGERLY, YEARLY, "extend", "USA");
    long expires = verifier.verifyAndDecodeTransaction(client.getTransactionInfo(yearly).getSignedTransactionInfo()).getExpiresDate();
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate("abc", extend(10, "a")))).isEqualTo(4000008L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate("2000000999999999", extend(10, "a")))).isEqualTo(4040005L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, extend(0, "a")))).isEqualTo(4000009L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, extend(91, "a")))).isEqualTo(4000009L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, extend(10, "x".repeat(129))))).isEqualTo(4000011L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, extend(10, "")))).isEqualTo(4000011L);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, new ExtendRenewalDateRequest().extendByDays(10).requestIdentifier("a"))))
        .as("no reason code").isEqualTo(4000010L);

    ExtendRenewalDateResponse first = client.extendSubscriptionRenewalDate(yearly, extend(10, "first"));
    assertThat(first.getSuccess()).isTrue();
    assertThat(first.getOriginalTransactionId()).isEqualTo(yearly);
    assertThat(first.getWebOrderLineItemId()).isNotBlank();
    assertThat(first.getEffectiveDate()).isEqualTo(expires + 10 * DAY);
    assertThat(client.extendSubscriptionRenewalDate(yearly, extend(10, "first")).getEffectiveDate()).as("the same request again")
        .isEqualTo(expires + 10 * DAY);
    LastTransactionsItem item = client.getAllSubscriptionStatuses(yearly, null).getData().getFirst().getLastTransactions().getFirst();
    JWSRenewalInfoDecodedPayload renewal = verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo());
    assertThat(renewal.getRenewalDate()).isEqualTo(expires + 10 * DAY);
    assertThat(verifier.verifyAndDecodeTransaction(item.getSignedTransactionInfo()).getExpiresDate()).isEqualTo(expires + 10 * DAY);
    assertThat(client.extendSubscriptionRenewalDate(yearly, extend(5, "second")).getEffectiveDate()).isEqualTo(expires + 15 * DAY);
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(yearly, extend(5, "third")))).as("two a year").isEqualTo(4030005L);

    String trial = bought(LEDGERLY, MONTHLY, "extend-trial", "USA");
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(trial, extend(3, "t")))).as("free trial").isEqualTo(4030004L);
    String expired = bought(LEDGERLY, YEARLY, "extend-expired", "USA");
    event(expired, "{\"type\":\"EXPIRE\"}");
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(expired, extend(3, "e")))).isEqualTo(4030004L);
    String retrying = bought(LEDGERLY, YEARLY, "extend-retry", "USA");
    event(retrying, "{\"type\":\"FAIL_RENEWAL\"}");
    assertThat(apiError(() -> client.extendSubscriptionRenewalDate(retrying, extend(3, "r")))).as("billing retry").isEqualTo(4030004L);
  }

  @Test
  void aMassExtensionRunsOnTheClockOverActiveSubscribersOfTheStorefronts() throws Exception {
    Client client = new Client(LEDGERLY);
    SignedDataVerifier verifier = ledgerly();
    String eligible = bought(LEDGERLY, YEARLY, "mass-1", "DEU");
    String maxed = bought(LEDGERLY, YEARLY, "mass-2", "DEU");
    String elsewhere = bought(LEDGERLY, YEARLY, "mass-3", "USA");
    client.extendSubscriptionRenewalDate(maxed, extend(1, "m1"));
    client.extendSubscriptionRenewalDate(maxed, extend(1, "m2"));
    long eligibleExpires = expiresOf(client, verifier, eligible);
    long elsewhereExpires = expiresOf(client, verifier, elsewhere);

    String id = UUID.randomUUID().toString();
    assertThat(apiError(() -> client.extendRenewalDateForAllActiveSubscribers(mass(id, "nope", List.of("DEU"))))).isEqualTo(4000023L);
    assertThat(apiError(() -> client.extendRenewalDateForAllActiveSubscribers(mass(id, YEARLY, List.of())))).isEqualTo(4000027L);
    assertThat(apiError(() -> client.extendRenewalDateForAllActiveSubscribers(mass(id, YEARLY, List.of("ZZZ"))))).isEqualTo(4000028L);
    assertThat(apiError(() -> client.extendRenewalDateForAllActiveSubscribers(mass(id, YEARLY, List.of("DEU")).extendByDays(91))))
        .isEqualTo(4000009L);
    assertThat(apiError(() -> client.getStatusOfSubscriptionRenewalDateExtensions(id, YEARLY))).isEqualTo(4040009L);

    assertThat(client.extendRenewalDateForAllActiveSubscribers(mass(id, YEARLY, List.of("DEU"))).getRequestIdentifier()).isEqualTo(id);
    assertThat(client.extendRenewalDateForAllActiveSubscribers(mass(id, YEARLY, List.of("DEU"))).getRequestIdentifier())
        .as("the same request again").isEqualTo(id);
    MassExtendRenewalDateStatusResponse pending = client.getStatusOfSubscriptionRenewalDateExtensions(id, YEARLY);
    assertThat(pending.getComplete()).isFalse();
    assertThat(pending.getCompleteDate()).isNull();
    assertThat(pending.getSucceededCount()).isZero();

    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":3601}", null);
    MassExtendRenewalDateStatusResponse done = client.getStatusOfSubscriptionRenewalDateExtensions(id, YEARLY);
    assertThat(done.getComplete()).isTrue();
    assertThat(done.getCompleteDate()).isNotNull();
    assertThat(done.getSucceededCount()).isEqualTo(1L);
    assertThat(done.getFailedCount()).as("extended twice this year already").isEqualTo(1L);
    assertThat(expiresOf(client, verifier, eligible)).isEqualTo(eligibleExpires + 7 * DAY);
    assertThat(expiresOf(client, verifier, elsewhere)).as("another storefront").isEqualTo(elsewhereExpires);
  }

  static ExtendRenewalDateRequest extend(int days, String requestIdentifier) {
    return new ExtendRenewalDateRequest().extendByDays(days).extendReasonCode(ExtendReasonCode.CUSTOMER_SATISFACTION)
        .requestIdentifier(requestIdentifier);
  }

  static MassExtendRenewalDateRequest mass(String id, String productId, List<String> storefronts) {
    return new MassExtendRenewalDateRequest().requestIdentifier(id).productId(productId).extendByDays(7)
        .extendReasonCode(ExtendReasonCode.SERVICE_ISSUE_OR_OUTAGE).storefrontCountryCodes(storefronts);
  }

  static long expiresOf(Client client, SignedDataVerifier verifier, String id) throws Exception {
    LastTransactionsItem item = client.getAllSubscriptionStatuses(id, null).getData().getFirst().getLastTransactions().getFirst();
    return verifier.verifyAndDecodeRenewalInfo(item.getSignedRenewalInfo()).getRenewalDate();
  }

  static JsonNode refundRequest(String transactionId, String reason) {
    TestServer.Reply r = server.admin("POST", "/_braeburn/storekit/refundRequests", "{\"transactionId\":\"" + transactionId
        + "\",\"reason\":\"" + reason + "\"}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static JsonNode decision(String transactionId) {
    TestServer.Reply r = server.admin("GET", "/_braeburn/storekit/refundRequests/" + transactionId, null, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }
}
