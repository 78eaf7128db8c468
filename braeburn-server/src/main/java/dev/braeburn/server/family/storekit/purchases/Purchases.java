package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreEnvironment;

/**
 * Records charges: a transaction per sale, the renewal state of a subscription, the renewal due
 * on the virtual clock, and the notification Apple would send — all in the caller's write
 * transaction (ARCHITECTURE "Time and scheduled work").
 */
final class Purchases {
  static final String DUE_TASK = "storekit.subscriptionDue";
  private final PurchaseContext ctx;
  private final Graph graph;
  private final RenewalRates rates;

  Purchases(PurchaseContext ctx) {
    this.ctx = ctx;
    this.graph = new Graph(ctx.services());
    this.rates = new RenewalRates(ctx.rates());
  }

  PurchaseContext ctx() {
    return ctx;
  }

  Graph graph() {
    return graph;
  }

  RenewalRates rates() {
    return rates;
  }

  /** Inserts the transaction of {@code sale}; a subscription's gets a fresh {@code webOrderLineItemId}. */
  Resource record(StoreTx tx, Sale sale) {
    String id = Ledger.newId(tx, Ledger.TRANSACTIONS);
    String webOrder = sale.product().subscription() ? Ledger.newId(tx, Ledger.TRANSACTIONS) : null;
    return tx.insert(Ledger.TRANSACTIONS, id, sale.attributes(ctx.object(), id, webOrder, Ledger.nextSequence(tx)));
  }

  /** The renewal state of a subscription that starts (or restarts) with {@code first}. */
  Resource startSubscription(StoreTx tx, Sale sale, Resource first) {
    return startSubscription(tx, sale, first, null);
  }

  /** The same, with the offer the first transaction redeemed: its later pay-as-you-go periods run on at the offer's price. */
  Resource startSubscription(StoreTx tx, Sale sale, Resource first, AppliedOffer offer) {
    var t = first.attributes();
    ObjectNode state = ctx.object().put("originalTransactionId", t.path("originalTransactionId").asText())
        .put("autoRenewProductId", sale.product().productId()).put("productId", sale.product().productId()).put("autoRenewStatus", 1)
        .put("isInBillingRetryPeriod", false).put("environment", sale.environment().wire())
        .put("recentSubscriptionStartDate", sale.purchaseDate()).put("renewalDate", sale.expiresDate())
        .put("renewalPrice", regularPrice(tx, sale)).put("currency", sale.currency()).put("appTransactionId", sale.appTransactionId());
    if (sale.appAccountToken() != null) {
      state.put("appAccountToken", sale.appAccountToken());
    }
    state.put("appId", sale.app().id()).put("customer", sale.customer()).put("status", 1)
        .put("subscriptionGroupIdentifier", sale.product().group()).put("expiresDate", sale.expiresDate()).put("renewals", 0)
        .set("extensions", ctx.object().arrayNode());
    OfferState.start(state, offer, offer == null ? 0 : offer.chargesLeftAfterFirst(), regularPrice(tx, sale), sale.product().productId());
    String id = t.path("originalTransactionId").asText();
    Resource sub = tx.find(Ledger.SUBSCRIPTIONS, id).map(existing -> {
      tx.updateAttributes(existing, state);
      return tx.find(Ledger.SUBSCRIPTIONS, id).orElseThrow();
    }).orElseGet(() -> tx.insert(Ledger.SUBSCRIPTIONS, id, state));
    scheduleDue(tx, sub);
    return sub;
  }

  /** The price renewals charge: the catalogue's regular price (an introductory price applies once). */
  long regularPrice(StoreTx tx, Sale sale) {
    Long price = Catalogue.priceMilli(tx, sale.product(), sale.storefront(), Catalogue.priceDay(sale.purchaseDate()));
    return price == null ? sale.price() : price;
  }

  /** The due check at the subscription's expiry: renew, or expire when auto-renew is off (§4.3). */
  void scheduleDue(StoreTx tx, Resource sub) {
    long expires = sub.attributes().path("expiresDate").asLong();
    ctx.services().scheduler().schedule(tx, DUE_TASK, java.time.Instant.ofEpochMilli(expires),
        ctx.object().put("originalTransactionId", sub.id()).put("expiresDate", expires));
  }

  /** Announces one App Store Server Notification V2 through the notifications part (server-api.md §3.6). */
  void emit(StoreTx tx, Resource app, StoreEnvironment environment, String type, String subtype, Resource transaction, Resource sub,
      Integer status) {
    long now = ctx.nowMillis();
    ObjectNode decodedTransaction = transaction == null ? null : Ledger.decoded(transaction).put("signedDate", now);
    ObjectNode renewal = sub == null ? null : Ledger.decoded(sub).put("signedDate", now);
    ctx.notifications().get().emit(tx, new ServerNotifications.Notification(app, environment, type, subtype, decodedTransaction,
        renewal, sub == null ? null : status, null));
  }
}
