package dev.braeburn.server.family.commerce.pricing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prices of an app's or in-app purchase's schedule ({@link ScheduleKind}): manual (stored; what the developer posted) and
 * automatic (computed: each base-territory price equalized to every territory that has no manual
 * price of its own, review-pipeline.md §7.1 "Apple's per-territory conversions (~175 rows)").
 */
final class SchedulePrices {
  private final FamilyContext context;
  private final ScheduleKind kind;

  SchedulePrices(FamilyContext context, ScheduleKind kind) {
    this.context = context;
    this.kind = kind;
  }

  void install() {
    context.handlers()
        .register(kind.type + "_manualPrices_getToManyRelated", read(false, false))
        .register(kind.type + "_manualPrices_getToManyRelationship", read(false, true))
        .register(kind.type + "_automaticPrices_getToManyRelated", read(true, false))
        .register(kind.type + "_automaticPrices_getToManyRelationship", read(true, true));
  }

  private OperationHandler read(boolean automatic, boolean linkagesOnly) {
    return ctx -> context.services().store().read(ctx.teamId(), tx -> {
      String schedule = GenericReads.existing(tx, kind.type, ctx.id()).id();
      List<ComputedPages.Item> items = automatic ? automatic(tx, kind, schedule) : manual(tx, kind, schedule);
      List<String> wanted = ctx.query().filters().get("territory");
      List<ComputedPages.Item> shown = items.stream()
          .filter(i -> wanted == null || (i.toOne().get("territory") != null && wanted.contains(i.toOne().get("territory").id()))).toList();
      return ComputedPages.render(ctx, tx, shown.size(), shown::get, linkagesOnly);
    });
  }

  static List<ComputedPages.Item> manual(StoreTx tx, ScheduleKind kind, String schedule) {
    List<ComputedPages.Item> out = new ArrayList<>();
    for (Resource r : PriceSchedules.manualPrices(tx, kind, schedule)) {
      out.add(new ComputedPages.Item(r, PriceSchedules.relations(tx, r, kind.pointRelationship, kind.point)));
    }
    return out;
  }

  static List<ComputedPages.Item> automatic(StoreTx tx, ScheduleKind kind, String schedule) {
    String base = PriceSchedules.baseTerritory(tx, kind, schedule);
    List<Resource> manual = PriceSchedules.manualPrices(tx, kind, schedule);
    manual = manual.stream().filter(r -> PriceSchedules.point(r) != null).toList(); // loaded rows without a point equalize nothing
    Set<String> manualTerritories = new HashSet<>();
    manual.forEach(r -> manualTerritories.add(PriceSchedules.point(r).territory()));
    List<Resource> baseRows = manual.stream().filter(r -> PriceSchedules.point(r).territory().equals(base)).toList();
    List<ComputedPages.Item> out = new ArrayList<>();
    for (String territory : Storefronts.TERRITORIES) {
      if (manualTerritories.contains(territory)) {
        continue;
      }
      for (Resource b : baseRows) {
        PricePointId point = PriceSchedules.point(b).in(territory);
        LocalDate start = PriceDates.date(b.attributes(), "startDate");
        LocalDate end = PriceDates.date(b.attributes(), "endDate");
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("startDate", start == null ? null : start.toString());
        a.put("endDate", end == null ? null : end.toString());
        a.put("manual", false);
        out.add(item(kind, new Resource(kind.prices, ManualPrice.id(schedule, point, start, end), 0, a), point));
      }
    }
    return out;
  }

  private static ComputedPages.Item item(ScheduleKind kind, Resource price, PricePointId point) {
    return new ComputedPages.Item(price, Map.of(
        kind.pointRelationship, new Linkage(kind.point.type, point.encode()),
        "territory", new Linkage("territories", point.territory())));
  }
}
