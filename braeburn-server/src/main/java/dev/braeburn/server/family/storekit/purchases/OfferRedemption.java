package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.commerce.offers.Eligibility;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * Which offer a subscription purchase redeems (server-api.md §3.3 offerType), from the simulator's
 * {@code "offer"}: absent (StoreKit applies the introductory offer by itself when eligible),
 * {@code "INTRODUCTORY"} (insists), {@code "NONE"}, {@code {"type":"PROMOTIONAL","id"}},
 * {@code {"type":"OFFER_CODE","code"}} ({@link OfferCodeRedemption}) or {@code {"type":"WIN_BACK","id"}}
 * — each checked against {@code offers/eligibility.json} and priced from the catalogue.
 */
final class OfferRedemption {
  /** One purchase's question: who buys what, where, with which history, and whether the developer signed it. */
  record Ask(JsonNode body, Catalogue.Product product, String storefront, List<Resource> history, StoreEnvironment environment,
      boolean signedByDeveloper) {
    String kind() {
      JsonNode offer = body.path("offer");
      return offer.isObject() ? offer.path("type").asText("") : offer.asText("");
    }

    Eligibility.CustomerHistory standing(Purchases purchases) {
      if (!product.subscription()) {
        return CustomerStanding.ofProduct(history, product, signedByDeveloper);
      }
      return CustomerStanding.of(history, product.group(), purchases.ctx().nowMillis(), purchases.rates(), environment, signedByDeveloper);
    }
  }

  private final Purchases purchases;
  private final OfferCodeRedemption codes;

  OfferRedemption(Purchases purchases) {
    this.purchases = purchases;
    this.codes = new OfferCodeRedemption(purchases, this);
  }

  /** The offer the purchase redeems, or null (regular price); refusals name the rule. */
  AppliedOffer resolve(StoreTx tx, Ask ask) {
    return switch (ask.kind()) {
      case "", "INTRODUCTORY" -> introductory(tx, ask);
      case "NONE" -> null;
      case "PROMOTIONAL" -> promotional(tx, ask);
      case "OFFER_CODE" -> codes.redeem(tx, ask);
      case "WIN_BACK" -> winBack(tx, ask);
      default -> throw AdminJson.invalid("/offer", "offer is INTRODUCTORY, NONE, {\"type\":\"PROMOTIONAL\",\"id\"},"
          + " {\"type\":\"OFFER_CODE\",\"code\"} or {\"type\":\"WIN_BACK\",\"id\"}; got " + ask.body().path("offer"));
    };
  }

  /** An in-app purchase's offer: an offer code (2025, {@link OfferCodeRedemption}) or none; the other offers are for subscriptions. */
  AppliedOffer resolveOneTime(StoreTx tx, Ask ask) {
    return switch (ask.kind()) {
      case "", "NONE" -> null;
      case "OFFER_CODE" -> codes.redeem(tx, ask);
      default -> throw AdminJson.invalid("/offer", ask.product().productId() + " is " + ask.product().type() + "; in-app purchases"
          + " redeem offer codes only ({\"type\":\"OFFER_CODE\",\"code\"}), the other offers are for auto-renewable subscriptions");
    };
  }

  private AppliedOffer introductory(StoreTx tx, Ask ask) {
    boolean insisted = !ask.kind().isEmpty();
    Resource offer = Catalogue.introductoryOffer(purchases.graph(), tx, ask.product(), ask.storefront()).orElse(null);
    if (offer == null) {
      if (insisted) {
        throw AdminJson.invalid("/offer", ask.product().productId() + " has no introductory offer in " + ask.storefront());
      }
      return null;
    }
    Eligibility.Decision decision = decide(Eligibility.Kind.INTRODUCTORY, offer, ask);
    if (!decision.allowed()) {
      if (insisted) {
        throw AdminJson.invalid("/offer", "Not eligible for the introductory offer of " + ask.product().productId() + ": " + decision.reason());
      }
      return null;
    }
    Optional<Long> price = OfferPrices.introductory(purchases.graph(), tx, offer);
    return applied(tx, 1, null, offer, "numberOfPeriods", price, ask);
  }

  private AppliedOffer promotional(StoreTx tx, Ask ask) {
    String id = offerId(ask);
    Resource offer = find(tx, ask.product(), "promotionalOffers", "offerCode", id)
        .orElseThrow(() -> AdminJson.invalid("/offer/id", ask.product().productId() + " has no promotional offer with identifier '" + id
            + "' (StoreKit: invalidOfferIdentifier)"));
    require(decide(Eligibility.Kind.PROMOTIONAL, offer, ask), "promotional offer " + id);
    return applied(tx, 2, id, offer, "numberOfPeriods", listedPrice(tx, offer, ask, "promotional offer " + id), ask);
  }

  private AppliedOffer winBack(StoreTx tx, Ask ask) {
    String id = offerId(ask);
    Resource offer = find(tx, ask.product(), "winBackOffers", "offerId", id)
        .orElseThrow(() -> AdminJson.invalid("/offer/id", ask.product().productId() + " has no win-back offer with offerId '" + id + "'"));
    require(decide(Eligibility.Kind.WIN_BACK, offer, ask), "win-back offer " + id);
    return applied(tx, 4, id, offer, "periodCount", listedPrice(tx, offer, ask, "win-back offer " + id), ask);
  }

  /** The eligibility table's answer for this customer. */
  Eligibility.Decision decide(Eligibility.Kind kind, Resource offer, Ask ask) {
    return purchases.ctx().eligibility().allows(kind, offer.attributes(), ask.standing(purchases), Catalogue.day(purchases.ctx().nowMillis()));
  }

  static void require(Eligibility.Decision decision, String what) {
    if (!decision.allowed()) {
      throw AdminJson.invalid("/offer", "Not eligible for " + what + ": " + decision.reason() + " (offers/eligibility.json)");
    }
  }

  /** A listed offer's price in the storefront; refused when the offer lists none there. */
  Optional<Long> listedPrice(StoreTx tx, Resource offer, Ask ask, String what) {
    Optional<Long> price = OfferPrices.listed(purchases.graph(), tx, offer, ask.storefront());
    if (price.isEmpty() && !purchases.graph().related(tx, offer, "prices").isEmpty()) {
      throw AdminJson.invalid("/storefront", what + " has no price in " + ask.storefront() + ", so it is not offered there");
    }
    return price;
  }

  /** The offer's terms as redeemed: mode, one period × count (catalogue attributes), price. */
  AppliedOffer applied(StoreTx tx, int type, String identifier, Resource offer, String countAttribute, Optional<Long> price, Ask ask) {
    var a = offer.attributes();
    String mode = a.path("offerMode").asText();
    String unit = purchases.rates().iso(a.path("duration").asText());
    if (unit == null) {
      throw AdminJson.invalid("/offer", "the offer's duration " + a.path("duration").asText() + " has no period in renewal-rates.json");
    }
    long charged = mode.equals("FREE_TRIAL") ? 0 : price.orElseGet(() -> regularPrice(tx, ask));
    return new AppliedOffer(type, identifier, mode, unit, Math.max(1, a.path(countAttribute).asInt(1)), charged);
  }

  /** [INFER] a paid offer whose price Braeburn cannot read charges the regular price, as before offer prices were read. */
  long regularPrice(StoreTx tx, Ask ask) {
    Long regular = Catalogue.priceMilli(tx, ask.product(), ask.storefront(), Catalogue.priceDay(purchases.ctx().nowMillis()));
    return regular == null ? 0L : regular;
  }

  private Optional<Resource> find(StoreTx tx, Catalogue.Product product, String relationship, String attribute, String value) {
    return purchases.graph().related(tx, product.resource(), relationship).stream()
        .filter(o -> value.equals(o.attributes().path(attribute).asText())).findFirst();
  }

  private static String offerId(Ask ask) {
    String id = ask.body().path("offer").path("id").asText("");
    if (id.isBlank()) {
      throw AdminJson.invalid("/offer/id", ask.kind() + " offers name the offer: {\"type\":\"" + ask.kind() + "\",\"id\":\"<offer identifier>\"}");
    }
    return id;
  }
}
