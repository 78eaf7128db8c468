package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.family.ProductChanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.braeburn.server.jsonapi.Errors;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscription prices: {@code POST /v1/subscriptionPrices} sets a subscription's price in one
 * territory from a date (null: today) — a future date is a scheduled change that becomes the
 * current price when the virtual clock reaches it; {@code preserveCurrentPrice} keeps existing
 * subscribers on their price (stored as {@code preserved}); {@code DELETE} withdraws a change that
 * has not started. The consent rules of increases are data (braeburn/commerce/subscription-price-increases.json)
 * for the App Store Server API to apply. Listing stays the subscription's {@code prices} relation.
 */
final class SubscriptionPrices {
  static final String TYPE = "subscriptionPrices";

  private final FamilyContext context;

  private final ProductChanges products;

  SubscriptionPrices(FamilyContext context, ProductChanges products) {
    this.context = context;
    this.products = products;
  }

  void install() {
    context.handlers()
        .register("subscriptionPrices_createInstance", this::create)
        .register("subscriptionPrices_deleteInstance", this::delete)
        .register("subscriptions_prices_getToManyRelated", this::list);
    context.services().relations().inlineCreator(TYPE, this::createInline);
  }

  private ApiResponse create(OperationContext ctx) {
    var body = ctx.body();
    String subscriptionId = body.relationships().get("subscription").path("id").asText();
    return context.services().store().write(ctx.teamId(), tx -> {
      Resource price = createPrice(tx, subscriptionId, body.attributes(), body.relationships());
      return ComputedPages.created(ctx, tx, item(price), ctx.request().baseUrl() + "/v1/" + TYPE + "/" + price.id());
    });
  }

  /**
   * {@code PATCH /v1/subscriptions/{id}} with {@code included} SubscriptionPriceInlineCreate items
   * (spec 4.4.1): each a price of the subscription being updated, created by the POST's rules
   * [INFER: the item's optional {@code subscription} is the PATCHed one]; pointers are the POST's,
   * moved into {@code /included/n} by the engine.
   */
  private Resource createInline(OperationContext ctx, StoreTx tx, Resource parent, JsonNode item, Map<String, Resource> local) {
    Map<String, JsonNode> relationships = new HashMap<>();
    item.path("relationships").fields().forEachRemaining(e -> relationships.put(e.getKey(), e.getValue().get("data")));
    if (relationships.get("subscriptionPricePoint") == null || relationships.get("subscriptionPricePoint").isNull()) {
      throw PriceErrors.of(Errors.relationshipRequired("subscriptionPricePoint", "/data/relationships/subscriptionPricePoint"),
          "A subscription price names its subscriptionPricePoint, as POST /v1/subscriptionPrices requires.");
    }
    ObjectNode attributes = item.path("attributes").isObject() ? (ObjectNode) item.get("attributes") : JsonNodeFactory.instance.objectNode();
    return createPrice(tx, parent.id(), attributes, relationships);
  }

  /** A new price of the subscription, by the POST's rules; read back with its point and territory. */
  private Resource createPrice(StoreTx tx, String subscriptionId, JsonNode attributes, Map<String, JsonNode> relationships) {
    String pointId = relationships.get("subscriptionPricePoint").path("id").asText();
    JsonNode territoryData = relationships.get("territory");
    LocalDate today = PriceDates.today(context.services().clock());
    Resource subscription = tx.find(PointKind.SUBSCRIPTION.productType, subscriptionId).orElseThrow(() -> PriceErrors.missing(
        "subscriptions", subscriptionId, "/data/relationships/subscription/data", "The team has no subscription " + subscriptionId + "."));
    PricePointId point = PricePointId.decode(pointId);
    if (point == null || !point.product().equals(subscriptionId) || point.index() < PointKind.SUBSCRIPTION.firstIndex) {
      throw PriceErrors.missing(PointKind.SUBSCRIPTION.type, pointId, "/data/relationships/subscriptionPricePoint/data",
          "A subscription price needs a price point of this subscription, as listed by GET /v1/subscriptions/" + subscriptionId + "/pricePoints.");
    }
    if (territoryData != null && !territoryData.isNull() && !territoryData.path("id").asText().equals(point.territory())) {
      throw PriceErrors.relationship("The price point is for territory '" + point.territory() + "', not '"
              + territoryData.path("id").asText() + "'", "/data/relationships/territory/data",
          "The territory of a subscription price is its price point's; pick the point of that territory (or leave territory out).");
    }
    LocalDate start = PriceDates.date(attributes, "startDate");
    if (start != null && start.isBefore(today)) {
      throw PriceErrors.dates("startDate '" + start + "' is in the past", "/data/attributes/startDate",
          "A subscription price starts today (" + today + ", Pacific) or later; leave startDate out for today.");
    }
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    a.put("startDate", (start == null ? today : start).toString());
    a.put("preserved", attributes.path("preserveCurrentPrice").asBoolean(false));
    if (attributes.hasNonNull("planType")) {
      a.set("planType", attributes.get("planType"));
    }
    a.put(ManualPrice.POINT, point.encode());
    Resource price = tx.insert(TYPE, context.services().ids().next(TYPE), a);
    var model = context.services().model();
    context.services().relations().add(tx, price, model.relationship(TYPE, "subscription"), subscription);
    tx.find("territories", point.territory()).ifPresent(t -> context.services().relations().add(tx, price, model.relationship(TYPE, "territory"), t));
    products.changed(tx, tx.find(PointKind.SUBSCRIPTION.productType, subscriptionId).orElseThrow());
    return tx.find(TYPE, price.id()).orElseThrow();
  }

  /** Only a change that has not started may be withdrawn [INFER: Apple's refusal body is unrecorded]. */
  private ApiResponse delete(OperationContext ctx) {
    LocalDate today = PriceDates.today(context.services().clock());
    return context.services().store().write(ctx.teamId(), tx -> {
      Resource price = GenericReads.existing(tx, TYPE, ctx.id());
      LocalDate start = PriceDates.date(price.attributes(), "startDate");
      if (start != null && !start.isAfter(today)) {
        throw PriceErrors.of(dev.braeburn.server.jsonapi.ApiError.of(409, "STATE_ERROR",
                "The request cannot be fulfilled because of the state of another resource.",
                "The subscription price '" + ctx.id() + "' is already in effect and cannot be deleted"),
            "Only a scheduled price change (startDate after today, " + today + " Pacific) can be deleted; this one started on "
                + start + ". Post a new price instead. [inferred: Apple's exact body is unrecorded]");
      }
      tx.delete(TYPE, price.id());
      return dev.braeburn.server.http.ApiResponse.noContent(204);
    });
  }

  private ApiResponse list(OperationContext ctx) {
    return context.services().store().read(ctx.teamId(), tx -> {
      GenericReads.existing(tx, PointKind.SUBSCRIPTION.productType, ctx.id());
      List<String> territories = ctx.query().filters().get("territory");
      List<ComputedPages.Item> items = new ArrayList<>();
      for (Resource r : prices(tx, ctx.id())) {
        ComputedPages.Item item = new ComputedPages.Item(r, PriceSchedules.relations(tx, r, "subscriptionPricePoint", PointKind.SUBSCRIPTION));
        var territory = item.toOne().get("territory");
        if (territories == null || (territory != null && territories.contains(territory.id()))) {
          items.add(item);
        }
      }
      return ComputedPages.render(ctx, tx, items.size(), items::get, false);
    });
  }

  /** A subscription's stored prices in their order. */
  static List<Resource> prices(StoreTx tx, String subscriptionId) {
    var links = tx.linked(PointKind.SUBSCRIPTION.productType, subscriptionId, "prices");
    Map<String, Resource> byId = new HashMap<>();
    tx.findAll(links).forEach(r -> byId.put(r.id(), r));
    return links.stream().map(l -> byId.get(l.id())).filter(java.util.Objects::nonNull).toList();
  }

  static PricePointId point(Resource price) {
    return PricePointId.decode(price.attributes().path(ManualPrice.POINT).asText());
  }

  private static ComputedPages.Item item(Resource price) {
    PricePointId point = point(price);
    return new ComputedPages.Item(price, Map.of(
        "subscriptionPricePoint", new Linkage(PointKind.SUBSCRIPTION.type, point.encode()),
        "territory", new Linkage("territories", point.territory())));
  }
}
