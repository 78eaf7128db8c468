package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.NotificationHistoryRequest;
import com.apple.itunes.storekit.model.Status;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle on the virtual clock — buy → renew → billing retry with grace → grace over →
 * recover → cancel → expire → refund — read back as Apple's client reads it: the status at each
 * step (Get All Subscription Statuses) and the exact sequence of App Store Server Notifications
 * (Get Notification History, each payload verified with Braeburn's root). Sandbox: a year is an
 * hour (server-api.md §4.3).
 */
class SubscriptionLifecycleAcceptanceTest extends SharedDemoServerTest {
  @BeforeAll
  static void keyAndFrozenClock() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    PurchasesAcceptanceTest.key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
  }

  @Test
  void aSubscriptionLivesItsLifeOnTheClockWithApplesNotificationsInOrder() throws Exception {
    Instant start = now();
    PurchasesAcceptanceTest.BraeburnClient client = new PurchasesAcceptanceTest.BraeburnClient(PurchasesAcceptanceTest.LEDGERLY);
    JsonNode bought = PurchasesAcceptanceTest.buy("{\"bundleId\":\"" + PurchasesAcceptanceTest.LEDGERLY + "\",\"productId\":\""
        + PurchasesAcceptanceTest.YEARLY + "\",\"customer\":\"lifecycle\"}");
    String original = bought.path("originalTransactionId").asText();
    assertThat(status(client, original)).isEqualTo(Status.ACTIVE);

    advance(3700); // a sandbox year is an hour: it renews by itself
    assertThat(status(client, original)).isEqualTo(Status.ACTIVE);

    PurchasesAcceptanceTest.event(original, "{\"type\":\"FAIL_RENEWAL\",\"gracePeriodDays\":3}");
    assertThat(status(client, original)).isEqualTo(Status.BILLING_GRACE_PERIOD);

    // the failed renewal is the one due at the period's end (7,200 s in); sandbox scales grace and retry
    // as periods (a month is 5 minutes): 3 days of grace end 30 s after it, 60 days of retry 10 min after it
    advance(3620);
    assertThat(status(client, original)).isEqualTo(Status.BILLING_RETRY);

    PurchasesAcceptanceTest.event(original, "{\"type\":\"RECOVER\"}");
    assertThat(status(client, original)).isEqualTo(Status.ACTIVE);

    PurchasesAcceptanceTest.event(original, "{\"type\":\"CANCEL_AUTO_RENEW\"}");
    advance(3700);
    assertThat(status(client, original)).isEqualTo(Status.EXPIRED);

    PurchasesAcceptanceTest.event(original, "{\"type\":\"REFUND\"}");
    assertThat(status(client, original)).isEqualTo(Status.REVOKED);

    assertThat(notifications(client, start)).containsExactly(
        "SUBSCRIBED/INITIAL_BUY", "DID_RENEW", "DID_FAIL_TO_RENEW/GRACE_PERIOD", "GRACE_PERIOD_EXPIRED",
        "DID_RENEW/BILLING_RECOVERY", "DID_CHANGE_RENEWAL_STATUS/AUTO_RENEW_DISABLED", "EXPIRED/VOLUNTARY", "REFUND");
  }

  private static Status status(PurchasesAcceptanceTest.BraeburnClient client, String original) throws Exception {
    return client.getAllSubscriptionStatuses(original, null).getData().getFirst().getLastTransactions().getFirst().getStatus();
  }

  /** Every notification since {@code start}, oldest first, as "TYPE/SUBTYPE", each verified. */
  private static List<String> notifications(PurchasesAcceptanceTest.BraeburnClient client, Instant start) throws Exception {
    SignedDataVerifier verifier = PurchasesAcceptanceTest.verifier(PurchasesAcceptanceTest.LEDGERLY, 1600000002L);
    NotificationHistoryRequest request = new NotificationHistoryRequest().startDate(start.toEpochMilli())
        .endDate(now().toEpochMilli() + 1000);
    return FamilySharingAcceptanceTest.notifications(client, verifier, request);
  }

  private static void advance(long seconds) {
    ServerNotificationsAcceptanceTest.advance(seconds); // the same shared server
  }

  private static Instant now() {
    return ServerNotificationsAcceptanceTest.now();
  }
}
