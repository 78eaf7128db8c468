package dev.braeburn.server.family.commerce.pricing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Price points of in-app purchases, subscriptions and apps, computed on every read from the
 * {@link PriceLadder} and {@link Pricing}: the same numbers the sales reports use. A product's list
 * is every territory (or those of {@code filter[territory]}, sorted) times the ladder, paged up to
 * {@code limit=8000} (protocol.md "limit"); a point's equalizations are the point of the same number
 * in every other territory. Nothing is stored: 175 × ~530 points per product would be ~90,000 rows.
 */
final class PricePoints {
  private final FamilyContext context;

  PricePoints(FamilyContext context) {
    this.context = context;
  }

  void install() {
    for (PointKind kind : PointKind.values()) {
      context.services().relations().computedTargets(kind.type, (tx, id) -> store(tx, kind, id));
    }
    context.handlers()
        .register("inAppPurchasesV2_pricePoints_getToManyRelated", list(PointKind.IAP, false))
        .register("inAppPurchasesV2_pricePoints_getToManyRelationship", list(PointKind.IAP, true))
        .register("subscriptions_pricePoints_getToManyRelated", list(PointKind.SUBSCRIPTION, false))
        .register("subscriptions_pricePoints_getToManyRelationship", list(PointKind.SUBSCRIPTION, true))
        .register("apps_appPricePoints_getToManyRelated", list(PointKind.APP, false))
        .register("apps_appPricePoints_getToManyRelationship", list(PointKind.APP, true))
        .register("inAppPurchasePricePoints_equalizations_getToManyRelated", equalizations(PointKind.IAP, false))
        .register("inAppPurchasePricePoints_equalizations_getToManyRelationship", equalizations(PointKind.IAP, true))
        .register("subscriptionPricePoints_equalizations_getToManyRelated", equalizations(PointKind.SUBSCRIPTION, false))
        .register("subscriptionPricePoints_equalizations_getToManyRelationship", equalizations(PointKind.SUBSCRIPTION, true))
        // [INFER] adjusted equalizations (Apple's adjustment for a territory's taxes) are the plain ones here
        .register("subscriptionPricePoints_adjustedEqualizations_getToManyRelated", equalizations(PointKind.SUBSCRIPTION, false))
        .register("appPricePointsV3_equalizations_getToManyRelated", equalizations(PointKind.APP, false))
        .register("appPricePointsV3_equalizations_getToManyRelationship", equalizations(PointKind.APP, true))
        .register("subscriptionPricePoints_getInstance", instance(PointKind.SUBSCRIPTION))
        .register("appPricePointsV3_getInstance", instance(PointKind.APP));
  }

  /** The rendered point {@code id}: customer price and proceeds in the territory's currency. */
  static ComputedPages.Item item(PointKind kind, PricePointId id) {
    String storefront = Storefronts.alpha2(id.territory());
    BigDecimal usd = PriceLadder.usd(id.index());
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    attributes.put("customerPrice", text(Pricing.customerPrice(usd, storefront)));
    attributes.put("proceeds", text(Pricing.proceedsPerUnit(usd, storefront)));
    if (kind == PointKind.SUBSCRIPTION) {
      attributes.put("proceedsYear2", text(Pricing.proceedsYear2PerUnit(usd, storefront)));
    }
    Map<String, Linkage> toOne = new HashMap<>();
    toOne.put("territory", new Linkage("territories", id.territory()));
    if (kind == PointKind.APP) {
      toOne.put("app", new Linkage("apps", id.product()));
    }
    return new ComputedPages.Item(new Resource(kind.type, id.encode(), 0, attributes), toOne);
  }

  /**
   * A point another resource links to (an offer's price, Relations.computedTargets): stored as a
   * resource with its computed attributes and territory, so the link is an ordinary edge. Reads
   * still compute it (an id that decodes is never served as stored), so the two cannot disagree.
   */
  private Optional<Resource> store(StoreTx tx, PointKind kind, String id) {
    PricePointId point = PricePointId.decode(id);
    if (point == null || point.index() < kind.firstIndex || point.index() >= PriceLadder.size()
        || !Storefronts.TERRITORIES.contains(point.territory()) || tx.find(kind.productType, point.product()).isEmpty()) {
      return Optional.empty();
    }
    Resource stored = tx.insert(kind.type, point.encode(), item(kind, point).resource().attributes());
    tx.find("territories", point.territory())
        .ifPresent(t -> context.services().relations().add(tx, stored, context.services().model().relationship(kind.type, "territory"), t));
    return tx.find(kind.type, stored.id());
  }

  /** The point, if {@code id} is one of {@code kind} for a product the team has; else Apple's 404. */
  static PricePointId existing(StoreTx tx, PointKind kind, String id) {
    PricePointId point = PricePointId.decode(id);
    if (point == null || point.index() < kind.firstIndex || tx.find(kind.productType, point.product()).isEmpty()) {
      throw new ApiException(Errors.notFound(kind.type, id));
    }
    return point;
  }

  /** Apple writes a free price as {@code "0.0"} (review-pipeline.md §7.1). */
  static String text(BigDecimal amount) {
    return amount.signum() == 0 ? "0.0" : amount.toPlainString();
  }

  private OperationHandler list(PointKind kind, boolean linkagesOnly) {
    return ctx -> read(ctx, tx -> {
      String product = GenericReads.existing(tx, kind.productType, ctx.id()).id();
      List<String> territories = territories(ctx, null);
      int points = kind.points();
      return ComputedPages.render(ctx, tx, territories.size() * points,
          i -> item(kind, PricePointId.of(product, territories.get(i / points), kind.firstIndex + i % points)), linkagesOnly);
    });
  }

  private OperationHandler equalizations(PointKind kind, boolean linkagesOnly) {
    return ctx -> read(ctx, tx -> {
      if (loaded(tx, kind, ctx.id())) {
        return linkagesOnly ? GenericReads.relationshipLinkage(ctx) : GenericReads.related(ctx);
      }
      PricePointId point = existing(tx, kind, ctx.id());
      List<String> territories = territories(ctx, point.territory());
      return ComputedPages.render(ctx, tx, territories.size(), i -> item(kind, point.in(territories.get(i))), linkagesOnly);
    });
  }

  private OperationHandler instance(PointKind kind) {
    return ctx -> read(ctx, tx -> loaded(tx, kind, ctx.id())
        ? dev.braeburn.server.engine.Documents.single(ctx, tx, GenericReads.existing(tx, kind.type, ctx.id()), 200)
        : ComputedPages.single(ctx, tx, item(kind, existing(tx, kind, ctx.id()))));
  }

  /** A point stored as a resource (loaded through the admin API or a seed) rather than computed: served as stored. */
  private static boolean loaded(StoreTx tx, PointKind kind, String id) {
    return PricePointId.decode(id) == null && tx.find(kind.type, id).isPresent();
  }

  /** {@code filter[territory]} (Apple's ids, unknown ones match nothing), else all; without {@code except}. */
  private static List<String> territories(OperationContext ctx, String except) {
    List<String> wanted = ctx.query().filters().get("territory");
    return Storefronts.TERRITORIES.stream()
        .filter(t -> wanted == null || wanted.contains(t))
        .filter(t -> !t.equals(except))
        .toList();
  }

  private ApiResponse read(OperationContext ctx, java.util.function.Function<StoreTx, ApiResponse> body) {
    return context.services().store().read(ctx.teamId(), body::apply);
  }
}
