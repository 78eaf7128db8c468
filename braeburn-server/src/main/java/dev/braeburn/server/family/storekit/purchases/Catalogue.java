package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.family.commerce.pricing.PriceDates;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.commerce.pricing.ScheduledPrice;
import dev.braeburn.server.family.commerce.pricing.StorePrices;
import dev.braeburn.server.family.commerce.pricing.Storefronts;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the commerce catalogue (docs/commerce.md) says about a product at purchase: which one a
 * product identifier names in an app, whether it is for sale in the environment, its signed
 * {@code type}, its price in a storefront and its introductory offer there.
 */
final class Catalogue {
  /** One product as a purchase sees it. */
  record Product(Resource resource, String productId, String type, String group, String period) {
    boolean subscription() {
      return type.equals(AUTO_RENEWABLE);
    }
  }

  static final String AUTO_RENEWABLE = "Auto-Renewable Subscription";
  /** inAppPurchaseType → the transaction's {@code type} (server-api.md §3.3). */
  private static final Map<String, String> TYPES = Map.of("CONSUMABLE", "Consumable", "NON_CONSUMABLE", "Non-Consumable",
      "NON_RENEWING_SUBSCRIPTION", "Non-Renewing Subscription");
  /**
   * States a product sells in. Production: approved only (App Store Connect Help "In-app purchase
   * statuses": Approved = live on the App Store). Sandbox also sells products not yet approved:
   * App Review buys a first in-app purchase in sandbox while it is Ready to Submit, riding with its
   * app version, and products not in that state are not returned there (StoreKit guide "Preparing
   * for App Review"; ptkd.com "Does Apple test in-app purchases during review", 2026) [INFER: which
   * later states — waiting for review, in review, pending binary approval, rejected — keep selling].
   */
  private static final Set<String> PRODUCTION_STATES = Set.of("APPROVED");
  private static final Set<String> SANDBOX_STATES = Set.of("APPROVED", "READY_TO_SUBMIT", "WAITING_FOR_REVIEW", "IN_REVIEW",
      "DEVELOPER_ACTION_NEEDED", "PENDING_BINARY_APPROVAL", "REJECTED");

  private Catalogue() {}

  static Optional<Product> find(Graph graph, StoreTx tx, Resource app, String productId) {
    for (Resource iap : graph.related(tx, app, "inAppPurchasesV2")) {
      if (productId.equals(iap.attributes().path("productId").asText())) {
        String kind = iap.attributes().path("inAppPurchaseType").asText();
        return Optional.of(new Product(iap, productId, TYPES.getOrDefault(kind, "Consumable"), null, null));
      }
    }
    for (Resource group : graph.related(tx, app, "subscriptionGroups")) {
      for (Resource sub : graph.related(tx, group, "subscriptions")) {
        if (productId.equals(sub.attributes().path("productId").asText())) {
          return Optional.of(new Product(sub, productId, AUTO_RENEWABLE, group.id(), sub.attributes().path("subscriptionPeriod").asText()));
        }
      }
    }
    return Optional.empty();
  }

  /** Null when the product sells in {@code environment}; otherwise why not. */
  static String notForSale(Product product, StoreEnvironment environment) {
    String state = product.resource().attributes().path("state").asText();
    Set<String> selling = environment == StoreEnvironment.PRODUCTION ? PRODUCTION_STATES : SANDBOX_STATES;
    return selling.contains(state) ? null : product.productId() + " is " + state + "; " + environment.wire() + " sells products in "
        + selling.stream().sorted().toList() + (environment == StoreEnvironment.PRODUCTION ? "" : " (sandbox sells products from READY_TO_SUBMIT on; the list is inferred)");
  }

  /** The customer price in milliunits of the storefront's currency on {@code day}, or null when the product has no price. */
  static Long priceMilli(StoreTx tx, Product product, String storefront, LocalDate day) {
    ScheduledPrice price = scheduled(tx, product, storefront, day);
    if (price == null) {
      return null;
    }
    BigDecimal local = Pricing.customerPrice(price.usd(), Storefronts.alpha2(storefront));
    return local.movePointRight(3).longValueExact();
  }

  /** The catalogue price in effect in the storefront on {@code day} (its own, else the base price), or null. */
  static ScheduledPrice scheduled(StoreTx tx, Product product, String storefront, LocalDate day) {
    List<ScheduledPrice> prices = StorePrices.of(tx, product.resource().type(), product.resource().id());
    ScheduledPrice price = StorePrices.current(prices, Storefronts.alpha2(storefront), day);
    return price != null ? price : StorePrices.current(prices, null, day);
  }

  static String currency(String storefront) {
    return Pricing.currency(Storefronts.alpha2(storefront));
  }

  /** The subscription's introductory offer in the storefront (a territory-specific one), if any. */
  static Optional<Resource> introductoryOffer(Graph graph, StoreTx tx, Product product, String storefront) {
    for (Resource offer : graph.related(tx, product.resource(), "introductoryOffers")) {
      Optional<Resource> territory = graph.relatedOne(tx, offer, "territory");
      if (territory.isEmpty() || territory.get().id().equals(storefront)) {
        return Optional.of(offer);
      }
    }
    return Optional.empty();
  }

  /** The UTC day of an instant: the day offer eligibility compares with an offer's dates, as commerce's Offers.today does. */
  static LocalDate day(long millis) {
    return java.time.Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The day whose catalogue price is in effect at an instant: prices start on Pacific days (PriceDates). */
  static LocalDate priceDay(long millis) {
    return PriceDates.dayOf(java.time.Instant.ofEpochMilli(millis));
  }

  static String text(JsonNode node, String field) {
    return node.path(field).asText(null);
  }
}
