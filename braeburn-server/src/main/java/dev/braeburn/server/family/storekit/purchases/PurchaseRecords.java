package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The purchase records as other storekit parts read and change them (refund requests, consumption
 * information, renewal-date extensions): the hidden types, the signed view of a record, and the
 * one way a transaction or a subscription's expiry changes (history order, the renewal clock).
 */
public final class PurchaseRecords {
  public static final String TRANSACTIONS = Ledger.TRANSACTIONS;
  public static final String SUBSCRIPTIONS = Ledger.SUBSCRIPTIONS;
  public static final String APP_TRANSACTIONS = Ledger.APP_TRANSACTIONS;

  private PurchaseRecords() {}

  /** The decoded payload Apple signs of a transaction or a subscription's renewal info. */
  public static ObjectNode decoded(Resource record) {
    return Ledger.decoded(record);
  }

  /** Saves changed attributes of a transaction and stamps its {@code modifiedDate}. */
  public static Resource touch(StoreTx tx, Resource transaction, ObjectNode changes, long now) {
    return Ledger.touch(tx, transaction, changes, now);
  }

  /** The latest transaction of a subscription. */
  public static Optional<Resource> latest(StoreTx tx, String originalTransactionId) {
    return Ledger.latest(tx, originalTransactionId);
  }

  /** Records of {@code type} whose string {@code attribute} is {@code value}. */
  public static List<Resource> list(StoreTx tx, String type, String attribute, String value) {
    return Ledger.list(tx, type, attribute, value);
  }

  /** Schedules the renewal check at a subscription's (new) expiry; checks of an older expiry are ignored when they run. */
  public static void scheduleDue(EngineServices services, StoreTx tx, Resource subscription) {
    long expires = subscription.attributes().path("expiresDate").asLong();
    services.scheduler().schedule(tx, Purchases.DUE_TASK, Instant.ofEpochMilli(expires),
        services.mapper().createObjectNode().put("originalTransactionId", subscription.id()).put("expiresDate", expires));
  }
}
