package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hidden records of purchases (brief's shared data model): {@code _skTransactions} (one signed
 * transaction each, id = transactionId), {@code _skSubscriptions} (renewal state, id =
 * originalTransactionId) and {@code _skAppTransactions} (one app transaction per customer, app and
 * environment, §3.5), and what of them Apple signs.
 */
final class Ledger {
  static final String TRANSACTIONS = "_skTransactions";
  static final String SUBSCRIPTIONS = "_skSubscriptions";
  static final String APP_TRANSACTIONS = "_skAppTransactions";
  /** Braeburn's bookkeeping in the records, never signed. */
  static final Set<String> INTERNAL = Set.of("appId", "customer", "modifiedDate", "finished", "consumption", "orderId", "sequence",
      OfferCodeRedemption.CODE_FIELD, FamilySharing.FAMILY_OF);
  /** A subscription record's state beside its renewal info (§3.4 has no status, group or expiry). */
  static final Set<String> SUBSCRIPTION_STATE = Set.of("appId", "customer", "status", "subscriptionGroupIdentifier", "expiresDate",
      "renewals", "extensions", OfferState.CHARGES, OfferState.PRICE, OfferState.UNIT, OfferState.FIELDS, OfferState.PRODUCT,
      PriceIncreases.NEEDS_CONSENT, PriceIncreases.LAST_NOTIFY_ONLY, FamilySharing.FAMILY_OF);
  private static final int MAX = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ledger() {}

  /**
   * A new numeric id like Apple's {@code 2000000123456789} (16 digits), unique in the team's store
   * and random, so ids of different teams practically never meet [INFER: Apple's are sequential].
   */
  static String newId(StoreTx tx, String type) {
    String prefix = type.equals(APP_TRANSACTIONS) ? "7000000" : "2000000"; // [INFER] app transactions apart from transactions
    while (true) {
      String id = prefix + String.format("%09d", RANDOM.nextInt(1_000_000_000));
      if (tx.find(type, id).isEmpty()) {
        return id;
      }
    }
  }

  /** An order id as on Apple's receipts: "M" + 9 letters and digits [INFER: Apple's observed shape "MQ…", 10 characters]. */
  static String newOrderId() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    StringBuilder out = new StringBuilder("MQ");
    while (out.length() < 10) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** The decoded payload Apple signs: the record without Braeburn's bookkeeping (absent fields stay absent). */
  static ObjectNode decoded(Resource record) {
    ObjectNode out = record.attributes().deepCopy();
    out.remove(record.type().equals(SUBSCRIPTIONS) ? SUBSCRIPTION_STATE : INTERNAL);
    List<String> nulls = new ArrayList<>();
    out.fieldNames().forEachRemaining(f -> {
      if (out.get(f).isNull()) {
        nulls.add(f);
      }
    });
    out.remove(nulls);
    return out;
  }

  static List<Resource> list(StoreTx tx, String type, String attribute, String value) {
    return tx.list(new ListSpec(type, null, List.of(new Condition.AttributeIn(attribute, ValueKind.STRING, List.of(value))),
        List.of(), null, MAX)).items();
  }

  /** One customer's transactions in one app and environment, oldest change first (history's order, §1.4). */
  static List<Resource> transactionsOf(StoreTx tx, String appId, String customer, StoreEnvironment environment) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : list(tx, TRANSACTIONS, "customer", customer)) {
      JsonNode a = r.attributes();
      if (a.path("appId").asText().equals(appId) && a.path("environment").asText().equals(environment.wire())) {
        out.add(r);
      }
    }
    out.sort(byChange());
    return out;
  }

  static Comparator<Resource> byChange() {
    return Comparator.<Resource>comparingLong(r -> r.attributes().path("modifiedDate").asLong())
        .thenComparingLong(r -> r.attributes().path("sequence").asLong());
  }

  /** Every transaction of one subscription (original and renewals), latest purchase last. */
  static List<Resource> chain(StoreTx tx, String originalTransactionId) {
    List<Resource> out = new ArrayList<>(list(tx, TRANSACTIONS, "originalTransactionId", originalTransactionId));
    out.sort(Comparator.<Resource>comparingLong(r -> r.attributes().path("purchaseDate").asLong())
        .thenComparingLong(r -> r.attributes().path("sequence").asLong()));
    return out;
  }

  static Optional<Resource> latest(StoreTx tx, String originalTransactionId) {
    List<Resource> chain = chain(tx, originalTransactionId);
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.getLast());
  }

  /** The next sequence number of the team's transactions: the tie-break of equal modification dates. */
  static long nextSequence(StoreTx tx) {
    return tx.count(TRANSACTIONS) + 1;
  }

  /** Saves changed attributes and stamps {@code modifiedDate} (history re-delivers changed transactions, §1.4). */
  static Resource touch(StoreTx tx, Resource transaction, ObjectNode changes, long now) {
    ObjectNode attributes = transaction.attributes().deepCopy();
    attributes.setAll(changes);
    attributes.put("modifiedDate", now);
    tx.updateAttributes(transaction, attributes);
    return tx.find(TRANSACTIONS, transaction.id()).orElseThrow();
  }
}
