package dev.braeburn.server.family.storekit.purchases;

import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.commerce.pricing.PriceLadder;
import dev.braeburn.server.family.commerce.pricing.PricePointId;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The price of an offer in a storefront, from the commerce catalogue (docs/commerce/offers.md): an
 * introductory offer links its {@code subscriptionPricePoint} (one offer per territory); a
 * promotional, offer-code or win-back offer lists {@code prices}, one per territory, each linking a
 * price point (an in-app purchase offer code's prices link theirs as {@code pricePoint}). A price point id says its ladder step, whose dollar price {@link Pricing} turns into
 * the storefront's customer price, as the price point reads show it.
 */
final class OfferPrices {
  private OfferPrices() {}

  /** The introductory offer's price in milliunits; empty for a free trial or a point Braeburn cannot read. */
  static Optional<Long> introductory(Graph graph, StoreTx tx, Resource offer) {
    return point(graph, tx, offer);
  }

  /**
   * The offer's price in the storefront: empty when the offer lists no price there (not offered in
   * that storefront), 0 when it lists one without a price point (a free trial).
   */
  static Optional<Long> listed(Graph graph, StoreTx tx, Resource offer, String storefront) {
    for (Resource price : graph.related(tx, offer, "prices")) {
      Optional<Linkage> territory = link(graph, tx, price, "territory");
      if (territory.isPresent() && territory.get().id().equals(storefront)) {
        return Optional.of(point(graph, tx, price).orElse(0L));
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> point(Graph graph, StoreTx tx, Resource holder) {
    // an in-app purchase offer code's price links an inAppPurchasePricePoint as "pricePoint" (spec 4.4.1)
    Optional<Linkage> link = link(graph, tx, holder, holder.type().equals("inAppPurchaseOfferPrices") ? "pricePoint" : "subscriptionPricePoint");
    if (link.isEmpty()) {
      return Optional.empty();
    }
    PricePointId id = PricePointId.decode(link.get().id());
    if (id != null) {
      BigDecimal usd = PriceLadder.usd(id.index());
      return Optional.of(Pricing.customerPrice(usd, Storefronts.alpha2(id.territory())).movePointRight(3).longValueExact());
    }
    // A point loaded with its own attributes (not one of the computed ladder's): its customerPrice as given.
    return tx.find(link.get().type(), link.get().id()).map(r -> r.attributes().path("customerPrice").asText(null))
        .map(p -> new BigDecimal(p).movePointRight(3).longValue());
  }

  private static Optional<Linkage> link(Graph graph, StoreTx tx, Resource source, String relationship) {
    List<Linkage> links = tx.linked(source.type(), source.id(), graph.relationship(source.type(), relationship).storage());
    return links.isEmpty() ? Optional.empty() : Optional.of(links.getFirst());
  }
}
