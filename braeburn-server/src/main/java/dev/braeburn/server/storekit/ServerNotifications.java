package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * App Store Server Notifications V2 (server-api.md §3.6–3.7), as the purchase side announces them:
 * in the caller's write transaction, one call per notification, with the decoded (unsigned)
 * transaction and renewal info; the notifications part signs, records (notification history) and
 * schedules delivery to the app's URL for that environment.
 */
public interface ServerNotifications {
  /**
   * One notification. {@code transaction}/{@code renewalInfo}: decoded payloads to sign into
   * {@code data.signedTransactionInfo}/{@code data.signedRenewalInfo} (null when the type has none);
   * {@code status}: {@code data.status} for auto-renewables (1..5) or null; {@code extra}: further
   * {@code data} fields (e.g. {@code consumptionRequestReason}) or, for RENEWAL_EXTENSION SUMMARY,
   * the {@code summary} object; null when none.
   */
  record Notification(Resource app, StoreEnvironment environment, String type, String subtype, ObjectNode transaction,
      ObjectNode renewalInfo, Integer status, ObjectNode extra) {}

  void emit(StoreTx tx, Notification notification);

  ServerNotifications NONE = (tx, notification) -> {};
}
