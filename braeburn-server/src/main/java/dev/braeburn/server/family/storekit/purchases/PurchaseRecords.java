package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
  /** The notifications part's record of every notification (brief's shared data model). */
  public static final String NOTIFICATIONS = "_skNotifications";

  private PurchaseRecords() {}

  /**
   * One charge or refund of a Production transaction as sales reports count it, on {@code day} (of the
   * zone asked for): {@code units} is the quantity, negative for a refund (on its revocation day); {@code price} is the customer price per
   * unit in milliunits of {@code currency}; {@code storefront} is the alpha-3 territory id;
   * {@code renewal} tells a subscription's renewal from its first purchase.
   */
  public record ProductionSale(LocalDate day, String productId, String storefront, long price, String currency, long units, boolean renewal) {}

  /**
   * What one app sold in the Production environment, by day of {@code zone}: its purchases on their
   * purchase day, and its refunds on their revocation day as negative units. Sandbox transactions never count:
   * Apple's reports are production only (docs/purchases.md "Reports").
   */
  public static List<ProductionSale> productionSales(StoreTx tx, String appId, ZoneId zone) {
    List<ProductionSale> out = new ArrayList<>();
    for (JsonNode a : production(tx, TRANSACTIONS, appId)) {
      long quantity = Math.max(1, a.path("quantity").asLong(1));
      out.add(sale(a, day(a.path("purchaseDate").asLong(), zone), quantity));
      if (a.has("revocationDate")) {
        out.add(sale(a, day(a.path("revocationDate").asLong(), zone), -quantity));
      }
    }
    return out;
  }

  /**
   * The stored attributes of one app's Production records of {@code type}: {@link #TRANSACTIONS},
   * or {@link #NOTIFICATIONS} (every notification is recorded, delivered or not; each carries
   * {@code notificationType}, {@code subtype}, {@code signedDate}, {@code transactionId},
   * {@code originalTransactionId} and its decoded {@code payload}) — what the reports replay.
   */
  public static List<JsonNode> production(StoreTx tx, String type, String appId) {
    List<JsonNode> out = new ArrayList<>();
    for (Resource r : Ledger.list(tx, type, "appId", appId)) {
      // members' shares are left out: nobody paid for them, so no report counts them [INFER]
      if (r.attributes().path("environment").asText().equals(StoreEnvironment.PRODUCTION.wire()) && !FamilySharing.isMember(r)) {
        out.add(r.attributes());
      }
    }
    return out;
  }

  private static ProductionSale sale(JsonNode a, LocalDate day, long units) {
    return new ProductionSale(day, a.path("productId").asText(), a.path("storefront").asText(), a.path("price").asLong(),
        a.path("currency").asText(), units, a.path("transactionReason").asText().equals("RENEWAL"));
  }

  private static LocalDate day(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
  }

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

  /** The family members' subscriptions that still share the purchaser's {@code originalTransactionId} (access not revoked). */
  public static List<Resource> familyShares(StoreTx tx, String originalTransactionId) {
    return FamilySharing.sharesOf(tx, SUBSCRIPTIONS, originalTransactionId).stream().filter(s -> s.attributes().path("status").asInt() != 5)
        .toList();
  }

  /** Schedules the renewal check at a subscription's (new) expiry; checks of an older expiry are ignored when they run. */
  public static void scheduleDue(EngineServices services, StoreTx tx, Resource subscription) {
    long expires = subscription.attributes().path("expiresDate").asLong();
    services.scheduler().schedule(tx, Purchases.DUE_TASK, Instant.ofEpochMilli(expires),
        services.mapper().createObjectNode().put("originalTransactionId", subscription.id()).put("expiresDate", expires));
  }
}
