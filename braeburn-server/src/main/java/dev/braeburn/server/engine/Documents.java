package dev.braeburn.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.Links;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;

/**
 * Assembles top-level JSON:API documents for a handler: single resource, page of resources,
 * linkage lists, with {@code included}, absolute {@code links} and {@code meta.paging}.
 */
public final class Documents {
  private Documents() {}

  /** A single-resource document rendered with the operation's success schema. */
  public static ApiResponse single(OperationContext ctx, StoreTx tx, Resource r, int status) {
    ObjectNode doc = ctx.services().mapper().createObjectNode();
    String docSchema = ctx.operation().success().schema();
    String schema = dataSchema(ctx, r.type());
    Includer.Result inc = ctx.services().includer().load(tx, List.of(r), schema, ctx.query().include(), ctx.query().relationLimits());
    doc.set("data", ctx.services().writer().resource(r, schema, ctx.renderContext(), inc.relations().getOrDefault(r.id(), Map.of())));
    addIncluded(ctx, doc, docSchema, inc);
    ApiRequest req = ctx.request();
    String self = status == 201 ? req.baseUrl() + req.path() : Links.self(req.baseUrl(), req.path(), req.query());
    doc.putObject("links").put("self", self);
    return json(ctx, status, doc);
  }

  /** A page of resources: {@code data}, {@code included}, {@code links.self/first/next}, paging. */
  public static ApiResponse page(OperationContext ctx, StoreTx tx, Page page, int limit) {
    ObjectNode doc = ctx.services().mapper().createObjectNode();
    String docSchema = ctx.operation().success().schema();
    String type = ctx.services().model().view(ctx.services().model().dataSchema(docSchema)).type();
    String schema = dataSchema(ctx, type);
    Includer.Result inc = ctx.services().includer().load(tx, page.items(), schema, ctx.query().include(), ctx.query().relationLimits());
    ArrayNode data = doc.putArray("data");
    for (Resource r : page.items()) {
      data.add(ctx.services().writer().resource(r, schema, ctx.renderContext(), inc.relations().getOrDefault(r.id(), Map.of())));
    }
    addIncluded(ctx, doc, docSchema, inc);
    pagingLinks(ctx, doc, page.next() == null ? null : ctx.services().cursors().encode(page.next()), page.total(), limit);
    return json(ctx, 200, doc);
  }

  /** {@code {"data": null, "links": {"self"}}}: a to-one related resource that is not set. */
  public static ApiResponse nullData(OperationContext ctx) {
    ObjectNode doc = ctx.services().mapper().createObjectNode();
    doc.putNull("data");
    ApiRequest req = ctx.request();
    doc.putObject("links").put("self", Links.self(req.baseUrl(), req.path(), req.query()));
    return json(ctx, 200, doc);
  }

  /** A to-one linkage document: {@code {"data": {type,id}|null, "links": {self}}} (DocumentLinks). */
  public static ApiResponse linkage(OperationContext ctx, Linkage target) {
    ObjectNode doc = ctx.services().mapper().createObjectNode();
    doc.set("data", target == null ? ctx.services().mapper().nullNode() : ctx.services().writer().linkage(target));
    ApiRequest req = ctx.request();
    doc.putObject("links").put("self", Links.self(req.baseUrl(), req.path(), req.query()));
    return json(ctx, 200, doc);
  }

  /** A to-many linkage page: identifiers only, with paging. */
  public static ApiResponse linkages(OperationContext ctx, Page page, int limit) {
    ObjectNode doc = ctx.services().mapper().createObjectNode();
    ArrayNode data = doc.putArray("data");
    page.items().forEach(r -> data.add(ctx.services().writer().linkage(r.linkage())));
    pagingLinks(ctx, doc, page.next() == null ? null : ctx.services().cursors().encode(page.next()), page.total(), limit);
    return json(ctx, 200, doc);
  }

  private static void pagingLinks(OperationContext ctx, ObjectNode doc, String nextCursor, long total, int limit) {
    ApiRequest req = ctx.request();
    ObjectNode links = doc.putObject("links");
    links.put("self", Links.self(req.baseUrl(), req.path(), req.query()));
    links.put("first", Links.withCursor(req.baseUrl(), req.path(), req.query(), null));
    if (nextCursor != null) {
      links.put("next", Links.withCursor(req.baseUrl(), req.path(), req.query(), nextCursor));
    }
    ObjectNode paging = doc.putObject("meta").putObject("paging");
    paging.put("total", total);
    paging.put("limit", limit);
  }

  private static String dataSchema(OperationContext ctx, String type) {
    String docSchema = ctx.operation().success().schema();
    String schema = docSchema == null ? null : ctx.services().model().dataSchema(docSchema);
    return schema != null ? schema : ctx.services().model().defaultSchema(type);
  }

  private static void addIncluded(OperationContext ctx, ObjectNode doc, String docSchema, Includer.Result inc) {
    if (inc.included().isEmpty()) {
      return;
    }
    Map<String, String> schemas = ctx.services().model().includedSchemas(docSchema);
    ArrayNode included = doc.putArray("included");
    for (Resource r : inc.included()) {
      String schema = schemas.getOrDefault(r.type(), ctx.services().model().defaultSchema(r.type()));
      if (schema != null) {
        included.add(ctx.services().writer().resource(r, schema, ctx.renderContext(), Map.of()));
      }
    }
  }

  public static ApiResponse json(OperationContext ctx, int status, ObjectNode doc) {
    try {
      return ApiResponse.json(status, ctx.services().mapper().writeValueAsBytes(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
