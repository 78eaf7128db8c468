package dev.braeburn.server.family.storekit.care;

import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.Optional;

/**
 * The records an endpoint's path names, as the caller may see them: the caller's app, in the
 * environment the request addresses (a record of another app or environment is not found, §2.2).
 */
final class CallerRecords {
  static final long APP_TRANSACTION_ID_NOT_SUPPORTED = 4000048;
  static final long ORIGINAL_TRANSACTION_ID_NOT_FOUND = 4040005;

  private CallerRecords() {}

  /** The transaction a consumption request names (§1.3 rows 11, 12: 4000006, 4000048, 4040010). */
  static Resource transaction(StoreTx tx, StoreKitCall call, String id) {
    Optional<Resource> transaction = visible(tx, call, PurchaseRecords.TRANSACTIONS, id, "environment");
    if (transaction.isPresent()) {
      return transaction.get();
    }
    if (visible(tx, call, PurchaseRecords.APP_TRANSACTIONS, id, "receiptType").isPresent()) {
      throw new StoreKitException(APP_TRANSACTION_ID_NOT_SUPPORTED, id + " is an appTransactionId; " + call.endpoint().name()
          + " takes the transaction id of an in-app purchase (§1.4)");
    }
    throw new StoreKitException(StoreKitErrors.TRANSACTION_ID_NOT_FOUND, "no transaction " + id + " of app " + call.app().id() + " in "
        + call.environment().wire() + " (another app's or the other environment's transactions are not found either, §2.2)");
  }

  /** The subscription an extension names by its original transaction id (§1.3 row 8: 4040005). */
  static Resource subscription(StoreTx tx, StoreKitCall call, String originalTransactionId) {
    return visible(tx, call, PurchaseRecords.SUBSCRIPTIONS, originalTransactionId, "environment").orElseThrow(() -> new StoreKitException(
        ORIGINAL_TRANSACTION_ID_NOT_FOUND, "no auto-renewable subscription with original transaction id " + originalTransactionId
            + " of app " + call.app().id() + " in " + call.environment().wire()));
  }

  static boolean numeric(String id) {
    return id != null && id.matches("[0-9]{1,40}");
  }

  private static Optional<Resource> visible(StoreTx tx, StoreKitCall call, String type, String id, String environmentField) {
    return tx.find(type, id).filter(r -> r.attributes().path("appId").asText().equals(call.app().id())
        && r.attributes().path(environmentField).asText().equals(call.environment().wire()));
  }
}
