package dev.braeburn.server.family.storekit.purchases;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.Optional;

/**
 * The id in an endpoint's path: a transactionId, originalTransactionId or — where Apple accepts
 * "any transaction id" (history, statuses, refund history, app transaction; §1.4) — an
 * appTransactionId; seen only by a request for the same app in the same environment (§2.2).
 */
final class Lookup {
  static final long APP_TRANSACTION_ID_NOT_SUPPORTED = 4000048;

  /** Whose records the id opens: a customer in the caller's app, through a transaction or the app transaction. */
  record Found(String customer, Resource transaction, Resource appTransaction) {}

  private Lookup() {}

  static Found any(StoreTx tx, StoreKitCall call, String id, boolean appTransactionIdAccepted) {
    if (id == null || !id.matches("[0-9]{1,40}")) {
      throw new StoreKitException(StoreKitErrors.INVALID_TRANSACTION_ID, "'" + id + "' is not a transaction id: Apple's are numeric strings");
    }
    Optional<Resource> transaction = tx.find(Ledger.TRANSACTIONS, id).filter(t -> visible(t, call, "environment"));
    if (transaction.isPresent()) {
      return new Found(transaction.get().attributes().path("customer").asText(), transaction.get(), null);
    }
    Optional<Resource> appTransaction = tx.find(Ledger.APP_TRANSACTIONS, id).filter(t -> visible(t, call, "receiptType"));
    if (appTransaction.isPresent()) {
      if (!appTransactionIdAccepted) {
        throw new StoreKitException(APP_TRANSACTION_ID_NOT_SUPPORTED, id + " is an appTransactionId; " + call.endpoint().name()
            + " takes a transaction id (only history, statuses, refund history and app transaction info accept any id, §1.4)");
      }
      return new Found(appTransaction.get().attributes().path("customer").asText(), null, appTransaction.get());
    }
    throw notFound(call, id);
  }

  static StoreKitException notFound(StoreKitCall call, String id) {
    return new StoreKitException(StoreKitErrors.TRANSACTION_ID_NOT_FOUND, "no transaction " + id + " of app " + call.app().id() + " in "
        + call.environment().wire() + " (a transaction of another app or the other environment is not found either, §2.2)");
  }

  private static boolean visible(Resource record, StoreKitCall call, String environmentField) {
    return record.attributes().path("appId").asText().equals(call.app().id())
        && record.attributes().path(environmentField).asText().equals(call.environment().wire());
  }
}
