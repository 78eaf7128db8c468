package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.Set;

/**
 * A promotional offer or offer code redeemed by a customer whose subscription in the group is
 * active (server-api.md §3.7 OFFER_REDEEMED; Apple's subtype descriptions): for the same product
 * the offer applies from the next renewal (no subtype); for a product of a higher level (lower
 * {@code groupLevel}) it is an upgrade, now ({@code UPGRADE}); for any other product of the group a
 * change at the next renewal ({@code DOWNGRADE}) [INFER: a same-level crossgrade is treated as a
 * downgrade].
 */
final class ActiveSubscriptionOffer {
  private static final Set<String> KINDS = Set.of("PROMOTIONAL", "OFFER_CODE");
  private final Purchases purchases;
  private final OfferRedemption redemption;

  ActiveSubscriptionOffer(Purchases purchases, OfferRedemption redemption) {
    this.purchases = purchases;
    this.redemption = redemption;
  }

  /** Whether the purchase redeems an offer for a subscription that is active ({@code status} 1) [INFER: not in billing retry]. */
  static boolean applies(JsonNode body, Resource sub) {
    return KINDS.contains(body.path("offer").path("type").asText("")) && sub.attributes().path("status").asInt() == 1;
  }

  ObjectNode redeem(StoreTx tx, OfferRedemption.Ask ask, Resource app, Resource sub) {
    PurchaseContext ctx = purchases.ctx();
    AppliedOffer offer = redemption.resolve(tx, ask);
    Catalogue.Product product = ask.product();
    Resource latest = Ledger.latest(tx, sub.id()).orElseThrow();
    ObjectNode state = sub.attributes().deepCopy();
    Catalogue.Product current = Catalogue.find(purchases.graph(), tx, app, state.path("productId").asText()).orElseThrow();
    long now = ctx.nowMillis();
    String subtype = null;
    Resource announced = latest;
    String storefront = latest.attributes().path("storefront").asText();
    if (product.productId().equals(current.productId())) {
      OfferState.start(state, offer, offer.charges(), state.path("renewalPrice").asLong(), product.productId());
    } else if (level(product) < level(current)) {
      subtype = "UPGRADE";
      long until = purchases.rates().end(now, offer.chargeIso(), 1, ask.environment());
      var l = latest.attributes();
      announced = purchases.record(tx, new Sale(app, ask.environment(), l.path("customer").asText(), product, storefront,
          l.path("storefrontId").asText(), offer.priceMilli(), l.path("currency").asText(), 1, l.path("appAccountToken").asText(null),
          l.path("appTransactionId").asText(), sub.id(), l.path("originalPurchaseDate").asLong(), now, "PURCHASE", until,
          offer.fields(ctx.object())));
      Ledger.touch(tx, latest, ctx.object().put("isUpgraded", true), now);
      state.put("productId", product.productId()).put("autoRenewProductId", product.productId()).put("expiresDate", until)
          .put("renewalDate", until);
      Long regular = Catalogue.priceMilli(tx, product, storefront, Catalogue.priceDay(until));
      OfferState.start(state, offer, offer.chargesLeftAfterFirst(), regular == null ? offer.priceMilli() : regular, product.productId());
    } else {
      subtype = "DOWNGRADE";
      state.put("autoRenewProductId", product.productId());
      OfferState.start(state, offer, offer.charges(), state.path("renewalPrice").asLong(), product.productId());
    }
    tx.updateAttributes(sub, state);
    Resource updated = tx.find(Ledger.SUBSCRIPTIONS, sub.id()).orElseThrow();
    if ("UPGRADE".equals(subtype)) {
      purchases.scheduleDue(tx, updated);
    }
    purchases.emit(tx, app, ask.environment(), "OFFER_REDEEMED", subtype, announced, updated, 1);
    return PurchaseSimulator.answer(ctx, tx, announced, ask.environment());
  }

  /** The product's level in its group: 1 is the highest (App Store Connect); unknown levels rank lowest. */
  private static int level(Catalogue.Product product) {
    return product.resource().attributes().path("groupLevel").asInt(Integer.MAX_VALUE);
  }
}
