package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.Links;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;

/** Spec-driven reads: collections, instances, related resources, linkages and metrics. */
public final class GenericReads {
  private GenericReads() {}

  static ApiResponse collection(OperationContext ctx) {
    String type = ctx.services().model().view(ctx.services().model().dataSchema(ctx.operation().success().schema())).type();
    return ctx.services().store().read(ctx.teamId(), tx -> page(ctx, tx, type, null, false));
  }

  static ApiResponse instance(OperationContext ctx) {
    return ctx.services().store().read(ctx.teamId(), tx -> Documents.single(ctx, tx, existing(tx, ctx.operation().type(), ctx.id()), 200));
  }

  public static ApiResponse related(OperationContext ctx) {
    return ctx.services().store().read(ctx.teamId(), tx -> {
      Resource parent = existing(tx, ctx.operation().type(), ctx.id());
      Relationship rel = relationship(ctx);
      if (ctx.operation().returnsList(ctx.services().model().spec())) {
        String type = ctx.services().model().view(ctx.services().model().dataSchema(ctx.operation().success().schema())).type();
        return page(ctx, tx, type, new ListSpec.Parent(parent.type(), parent.id(), rel.storage()), false);
      }
      List<Linkage> targets = tx.linked(parent.type(), parent.id(), rel.storage());
      List<Resource> found = targets.isEmpty() ? List.of() : tx.findAll(List.of(targets.getFirst()));
      return found.isEmpty() ? Documents.nullData(ctx) : Documents.single(ctx, tx, found.getFirst(), 200);
    });
  }

  public static ApiResponse relationshipLinkage(OperationContext ctx) {
    return ctx.services().store().read(ctx.teamId(), tx -> {
      Resource parent = existing(tx, ctx.operation().type(), ctx.id());
      Relationship rel = relationship(ctx);
      if (ctx.operation().returnsList(ctx.services().model().spec())) {
        return page(ctx, tx, rel.target(), new ListSpec.Parent(parent.type(), parent.id(), rel.storage()), true);
      }
      List<Linkage> targets = tx.linked(parent.type(), parent.id(), rel.storage());
      return Documents.linkage(ctx, targets.isEmpty() ? null : targets.getFirst());
    });
  }

  /** Metrics are computed by families; until one registers, an existing parent has none. */
  static ApiResponse metrics(OperationContext ctx) {
    return ctx.services().store().read(ctx.teamId(), tx -> {
      existing(tx, ctx.operation().type(), ctx.id());
      ObjectNode doc = ctx.services().mapper().createObjectNode();
      doc.putArray("data");
      var req = ctx.request();
      doc.putObject("links").put("self", Links.self(req.baseUrl(), req.path(), req.query()));
      ObjectNode paging = doc.putObject("meta").putObject("paging");
      paging.put("total", 0);
      paging.put("limit", Listings.limit(ctx.query(), ctx.operation()));
      return Documents.json(ctx, 200, doc);
    });
  }

  /** Report downloads (gzip) are served by the reports family; without one there is no report. */
  static ApiResponse noReport(OperationContext ctx) {
    throw new ApiException(dev.braeburn.server.jsonapi.ApiError.of(
        404, "NOT_FOUND", "The specified resource does not exist", "There is no report available for the requested parameters"));
  }

  private static ApiResponse page(OperationContext ctx, StoreTx tx, String type, ListSpec.Parent parent, boolean linkagesOnly) {
    Listings listings = ctx.services().listings();
    ListingQuirks quirks = new ListingQuirks(ctx, tx);
    int limit = Listings.limit(ctx.query(), ctx.operation());
    ListingQuirks.Ending ending = quirks.beyondEnd();
    Page page;
    if (ending == null) {
      List<ListSpec.Order> order = listings.order(type, ctx.query());
      PageKey after = ctx.query().cursor() == null ? null : ctx.services().cursors().decode(ctx.query().cursor(), order.size());
      page = tx.list(new ListSpec(type, parent, listings.conditions(type, quirks.query()), order, after, limit));
      ending = quirks.afterPage(page);
    } else {
      page = new Page(List.of(), ending.total(), null);
    }
    return linkagesOnly ? Documents.linkages(ctx, page, limit, ending.next(), ending.quirked())
        : Documents.page(ctx, tx, page, limit, ending.next(), ending.quirked());
  }

  /** The resource, or Apple's 404 for it. */
  public static Resource existing(StoreTx tx, String type, String id) {
    return tx.find(type, id).orElseThrow(() -> new ApiException(Errors.notFound(type, id)));
  }

  static Relationship relationship(OperationContext ctx) {
    Relationship rel = ctx.services().model().relationship(ctx.operation().type(), ctx.operation().relationship());
    if (rel == null) {
      throw new IllegalStateException("spec model lacks relationship for " + ctx.operation().id());
    }
    return rel;
  }
}
