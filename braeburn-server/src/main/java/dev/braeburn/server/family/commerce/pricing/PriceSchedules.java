package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.family.ProductChanges;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Price schedules of apps and in-app purchases, one mechanism for both ({@link ScheduleKind},
 * review-pipeline.md §7.1): {@code POST /v1/appPriceSchedules} and {@code POST
 * /v1/inAppPurchasePriceSchedules} replace the product's whole schedule (the schedule's id is the
 * product's); its manual prices are stored ({@code appPrices} / {@code inAppPurchasePrices}); its
 * automatic prices are computed on read ({@link SchedulePrices}).
 */
final class PriceSchedules {
  private final FamilyContext context;
  private final ScheduleKind kind;
  private final SchedulePrices prices;
  private final ProductChanges products;

  /** {@code products}: told when an in-app purchase's schedule changes (its readiness); an app's is no commerce product. */
  PriceSchedules(FamilyContext context, ScheduleKind kind, ProductChanges products) {
    this.context = context;
    this.kind = kind;
    this.products = products;
    this.prices = new SchedulePrices(context, kind);
  }

  void install() {
    context.handlers().register(kind.type + "_createInstance", this::create);
    prices.install();
  }

  private ApiResponse create(OperationContext ctx) {
    var body = ctx.body();
    String productId = body.relationships().get(kind.productRelationship).path("id").asText();
    String base = body.relationships().get("baseTerritory").path("id").asText();
    LocalDate today = PriceDates.today(context.services().clock());
    return context.services().store().write(ctx.teamId(), tx -> {
      Resource product = tx.find(kind.productType(), productId).orElseThrow(() -> PriceErrors.missing(kind.productType(), productId,
          "/data/relationships/" + kind.productRelationship + "/data", "The team has no " + kind.noun + " " + productId + "."));
      Resource baseTerritory = tx.find("territories", base).orElseThrow(() -> PriceErrors.missing("territories", base,
          "/data/relationships/baseTerritory/data", "'" + base + "' is not one of the 175 territories (alpha-3 ids such as USA)."));
      List<ManualPrice> manual = ManualPrice.read(kind, body.relationships().get("manualPrices"), body.included(), productId, today);
      ManualPrice.checkCovered(manual, base, today);
      Resource schedule = replaceSchedule(ctx, tx, product, baseTerritory, manual);
      if (kind == ScheduleKind.IAP) {
        products.changed(tx, tx.find(kind.productType(), product.id()).orElseThrow());
      }
      String location = ctx.request().baseUrl() + "/v1/" + kind.type + "/" + schedule.id();
      return Documents.single(ctx, tx, tx.find(kind.type, schedule.id()).orElseThrow(), 201).withHeader("Location", location);
    });
  }

  /** Deletes the old schedule's manual prices and writes the new ones under the same schedule id. */
  private Resource replaceSchedule(OperationContext ctx, StoreTx tx, Resource product, Resource baseTerritory, List<ManualPrice> manual) {
    Resource schedule = tx.find(kind.type, product.id()).orElse(null);
    if (schedule != null) {
      for (var old : tx.linked(kind.type, schedule.id(), "manualPrices")) {
        tx.delete(old.type(), old.id());
      }
    } else {
      schedule = tx.insert(kind.type, product.id(), JsonNodeFactory.instance.objectNode());
      link(ctx, tx, schedule, kind.productRelationship, List.of(product));
    }
    link(ctx, tx, schedule, "baseTerritory", List.of(baseTerritory));
    List<Resource> rows = new ArrayList<>();
    for (ManualPrice m : manual) {
      Resource row = tx.insert(kind.prices, m.id(product.id()), m.attributes());
      tx.find("territories", m.point().territory()).ifPresent(t -> link(ctx, tx, row, "territory", List.of(t)));
      rows.add(row);
    }
    link(ctx, tx, schedule, "manualPrices", rows);
    return schedule;
  }

  private static void link(OperationContext ctx, StoreTx tx, Resource source, String name, List<Resource> targets) {
    ctx.services().relations().replace(tx, source, ctx.services().model().relationship(source.type(), name), targets);
  }

  /** The stored manual prices of a schedule, in their order. */
  static List<Resource> manualPrices(StoreTx tx, ScheduleKind kind, String scheduleId) {
    var links = tx.linked(kind.type, scheduleId, "manualPrices");
    Map<String, Resource> byId = new HashMap<>();
    tx.findAll(links).forEach(r -> byId.put(r.id(), r));
    return links.stream().map(l -> byId.get(l.id())).filter(java.util.Objects::nonNull).toList();
  }

  /** A stored manual price's point; null for a price loaded without one (admin API, seed). */
  static PricePointId point(Resource price) {
    return PricePointId.decode(price.attributes().path(ManualPrice.POINT).asText());
  }

  /**
   * A stored price's relationships: its point (computed; or as linked when it was loaded through
   * the admin API) and its territory.
   */
  static Map<String, dev.braeburn.server.store.Linkage> relations(StoreTx tx, Resource price, String pointRelation, PointKind kind) {
    PricePointId point = PricePointId.decode(price.attributes().path(ManualPrice.POINT).asText());
    Map<String, dev.braeburn.server.store.Linkage> out = new HashMap<>();
    if (point != null) {
      out.put(pointRelation, new dev.braeburn.server.store.Linkage(kind.type, point.encode()));
      out.put("territory", new dev.braeburn.server.store.Linkage("territories", point.territory()));
    } else {
      out.put(pointRelation, tx.linked(price.type(), price.id(), pointRelation).stream().findFirst().orElse(null));
      out.put("territory", tx.linked(price.type(), price.id(), "territory").stream().findFirst().orElse(null));
    }
    return out;
  }

  static String baseTerritory(StoreTx tx, ScheduleKind kind, String scheduleId) {
    var base = tx.linked(kind.type, scheduleId, "baseTerritory");
    return base.isEmpty() ? null : base.getFirst().id();
  }
}
