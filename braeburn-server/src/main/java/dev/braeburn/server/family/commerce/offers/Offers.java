package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.commerce.pricing.PricePointId;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** What every offer kind shares: the graph, the terms table, today's date and the checks on prices. */
record Offers(Graph graph, OfferTerms terms) {
  static Offers of(EngineServices services) {
    return new Offers(new Graph(services), OfferTerms.load(services.mapper()));
  }

  EngineServices services() {
    return graph.services();
  }

  LocalDate today() {
    return LocalDate.ofInstant(graph.now(), ZoneOffset.UTC);
  }

  static String text(Resource resource, String attribute) {
    JsonNode value = resource.attributes().get(attribute);
    return value == null || value.isNull() ? null : value.asText();
  }

  static LocalDate date(Resource resource, String attribute) {
    String value = text(resource, attribute);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null; // the body validator checks formats; a loaded resource may say anything
    }
  }

  /** The offer's subscription: linked for the types whose spec reads it back, else named by the request (win-back offers). */
  Optional<Resource> subscription(StoreTx tx, Resource offer) {
    return services().model().relationship(offer.type(), "subscription") == null ? Optional.empty() : graph.relatedOne(tx, offer, "subscription");
  }

  /**
   * The request's to-one target of a relationship the spec lets a client write but not read
   * (a win-back offer's subscription, an IAP offer code's in-app purchase): the generic create
   * cannot link it, so the family links it from the parent's side.
   */
  Optional<Resource> linkFromParent(StoreTx tx, OperationContextView request, String relationship, String parentRelationship, Resource created) {
    com.fasterxml.jackson.databind.JsonNode data = request.relationships().get(relationship);
    if (data == null || !data.isObject()) {
      return Optional.empty();
    }
    Optional<Resource> parent = tx.find(data.path("type").asText(), data.path("id").asText());
    parent.ifPresent(p -> graph.link(tx, p, parentRelationship, created));
    return parent;
  }

  /** The request's relationships (the create body's). */
  interface OperationContextView {
    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> relationships();
  }

  /** The subscriptions of the offer's subscription group (the subscription alone when it has no group). */
  List<Resource> groupSubscriptions(StoreTx tx, Resource subscription) {
    return graph.relatedOne(tx, subscription, "group").map(g -> graph.related(tx, g, "subscriptions")).orElse(List.of(subscription));
  }

  /** The offer's terms against the table, with its subscription's period for PAY_AS_YOU_GO. */
  void checkTerms(Resource subscription, Resource offer, String periodsAttribute) {
    String period = subscription == null ? null : text(subscription, "subscriptionPeriod");
    terms.check(text(offer, "offerMode"), text(offer, "duration"), offer.attributes().get(periodsAttribute), periodsAttribute, period);
  }

  /**
   * Each inline price of a subscription offer (promotional, offer code, win-back), on create and
   * when a PATCH replaces them: a free trial's names only its territory (rorkai/App-Store-Connect-CLI#1502,
   * #1659), a paid one's its price point too — a point of the offer's own subscription (protocol.md
   * §4.4 wording), of the price's territory, one price per territory [INFER: Apple's refusals of the
   * last three are unrecorded; the offer has one price in each territory it is offered in].
   */
  void checkPrices(StoreTx tx, Resource offer) {
    checkPrices(tx, subscription(tx, offer).orElse(null), offer);
  }

  void checkPrices(StoreTx tx, Resource subscription, Resource offer) {
    String mode = text(offer, "offerMode");
    if (mode == null) {
      return;
    }
    List<Resource> prices = graph.related(tx, offer, "prices");
    java.util.Map<String, Integer> territories = new java.util.HashMap<>();
    for (int i = 0; i < prices.size(); i++) {
      Optional<Resource> point = graph.relatedOne(tx, prices.get(i), "subscriptionPricePoint");
      String pointer = "/included/" + i + "/relationships/subscriptionPricePoint";
      if (!terms.paid(mode) && point.isPresent()) {
        throw OfferErrors.refuse(OfferErrors.freeTrialPricePoint(pointer), "Price " + (i + 1) + " of this FREE_TRIAL " + offer.type()
            + " names price point " + point.get().id() + "; a free trial has no price, so each price names only its territory"
            + " (Apple's detail recorded in rorkai/App-Store-Connect-CLI#1502; the error code is inferred).");
      }
      if (terms.paid(mode) && point.isEmpty()) {
        throw OfferErrors.refuse(OfferErrors.pricePointRequired(mode, pointer), "Price " + (i + 1) + " of this " + mode + " " + offer.type()
            + " has no subscriptionPricePoint; a paid offer names its price in each territory (refusal inferred).");
      }
      PricePointId decoded = point.map(p -> PricePointId.decode(p.id())).orElse(null);
      if (decoded != null && subscription != null && !decoded.product().equals(subscription.id())) {
        throw OfferErrors.refuse(Errors.relationshipTargetMissing(point.get().type(), point.get().id(), pointer), "Price " + (i + 1)
            + " names a price point of subscription " + decoded.product() + ", but the offer is for subscription " + subscription.id()
            + "; pick one from GET /v1/subscriptions/" + subscription.id() + "/pricePoints (refusal inferred).");
      }
      String territory = graph.relatedOne(tx, prices.get(i), "territory").map(Resource::id).orElse(decoded == null ? null : decoded.territory());
      if (decoded != null && territory != null && !territory.equals(decoded.territory())) {
        throw OfferErrors.refuse(OfferErrors.pricePointTerritory(pointer), "Price " + (i + 1) + " is for territory " + territory
            + " but names a price point of " + decoded.territory() + "; pick the point of " + territory + " (refusal inferred).");
      }
      Integer earlier = territory == null ? null : territories.putIfAbsent(territory, i);
      if (earlier != null) {
        throw OfferErrors.refuse(OfferErrors.territoryPricedTwice("/included/" + i + "/relationships/territory"), "Prices " + (earlier + 1)
            + " and " + (i + 1) + " of this " + offer.type() + " are both for " + territory + "; an offer has one price per territory"
            + " (refusal inferred).");
      }
    }
  }
}
