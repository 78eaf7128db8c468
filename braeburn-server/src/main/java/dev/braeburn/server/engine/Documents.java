package dev.braeburn.server.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.Links;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.io.IOException;
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
    String docSchema = ctx.operation().success().schema();
    String schema = dataSchema(ctx, r.type());
    Includer.Result inc = ctx.services().includer().load(tx, List.of(r), schema, ctx.query().include(), ctx.query().relationLimits());
    ListingQuirks.slowIncludes(ctx, tx, inc.included().size());
    UndocumentedValues undocumented = UndocumentedValues.of(ctx, tx, r.type(), inc.included());
    RenderContext rc = ctx.renderContext().with(undocumented);
    ApiRequest req = ctx.request();
    String self = status == 201 ? req.baseUrl() + req.path() : Links.self(req.baseUrl(), req.path(), req.query());
    DocumentWriter writer = ctx.services().writer();
    byte[] document = writer.document(json -> {
      json.g().writeFieldName(DocumentWriter.DATA);
      writer.resource(json, r, schema, rc, inc.relations().getOrDefault(r.id(), Map.of()));
      writeIncluded(ctx, json, docSchema, inc, rc);
      selfLink(json.g(), self);
    });
    noteUndocumented(ctx, undocumented);
    return ApiResponse.json(status, document);
  }

  /** A page of resources: {@code data}, {@code included}, {@code links.self/first/next}, paging. */
  public static ApiResponse page(OperationContext ctx, StoreTx tx, Page page, int limit) {
    return page(ctx, tx, page, limit, page.next() == null ? null : ctx.services().cursors().encode(page.next()), false);
  }

  /** {@link #page} with the caller's next cursor, also sent as {@code meta.paging.nextCursor} when {@code cursorInMeta}. */
  static ApiResponse page(OperationContext ctx, StoreTx tx, Page page, int limit, String next, boolean cursorInMeta) {
    String docSchema = ctx.operation().success().schema();
    String type = ctx.services().model().view(ctx.services().model().dataSchema(docSchema)).type();
    String schema = dataSchema(ctx, type);
    Includer.Result inc = ctx.services().includer().load(tx, page.items(), schema, ctx.query().include(), ctx.query().relationLimits());
    ListingQuirks.slowIncludes(ctx, tx, inc.included().size());
    UndocumentedValues undocumented = UndocumentedValues.of(ctx, tx, type, inc.included());
    RenderContext rc = ctx.renderContext().with(undocumented);
    DocumentWriter writer = ctx.services().writer();
    byte[] document = writer.document(json -> {
      JsonGenerator g = json.g();
      g.writeFieldName(DocumentWriter.DATA);
      g.writeStartArray();
      for (Resource r : page.items()) {
        writer.resource(json, r, schema, rc, inc.relations().getOrDefault(r.id(), Map.of()));
      }
      g.writeEndArray();
      writeIncluded(ctx, json, docSchema, inc, rc);
      pagingLinks(ctx, g, next, page.total(), limit, cursorInMeta);
    });
    noteUndocumented(ctx, undocumented);
    return ApiResponse.json(200, document);
  }

  private static void noteUndocumented(OperationContext ctx, UndocumentedValues undocumented) {
    if (undocumented != null) {
      undocumented.note(ctx);
    }
  }

  /**
   * A page (or, with {@code total < 0}, a single resource) of resources the caller computed or whose
   * relationships it knows better than the store's links (price points, prices: commerce pricing):
   * {@code relations} per resource id and {@code included} come from the caller.
   */
  public static ApiResponse computed(OperationContext ctx, List<Resource> items, Map<String, Map<String, RelationData>> relations,
      List<Resource> included, long total, String nextCursor, int limit) {
    return computed(ctx, items, relations, included, total, nextCursor, limit, 200);
  }

  /** {@link #computed} with a status: 201 for a created single resource (self link = the request path, as {@link #single}). */
  public static ApiResponse computed(OperationContext ctx, List<Resource> items, Map<String, Map<String, RelationData>> relations,
      List<Resource> included, long total, String nextCursor, int limit, int status) {
    String docSchema = ctx.operation().success().schema();
    String type = items.isEmpty() ? ctx.services().model().view(ctx.services().model().dataSchema(docSchema)).type() : items.getFirst().type();
    String schema = dataSchema(ctx, type);
    RenderContext rc = ctx.renderContext();
    DocumentWriter writer = ctx.services().writer();
    Includer.Result inc = new Includer.Result(relations, included);
    return ApiResponse.json(status, writer.document(json -> {
      JsonGenerator g = json.g();
      g.writeFieldName(DocumentWriter.DATA);
      if (total < 0) {
        writer.resource(json, items.getFirst(), schema, rc, relations.getOrDefault(items.getFirst().id(), Map.of()));
      } else {
        g.writeStartArray();
        for (Resource r : items) {
          writer.resource(json, r, schema, rc, relations.getOrDefault(r.id(), Map.of()));
        }
        g.writeEndArray();
      }
      writeIncluded(ctx, json, docSchema, inc, rc);
      if (total < 0) {
        ApiRequest req = ctx.request();
        selfLink(g, status == 201 ? req.baseUrl() + req.path() : Links.self(req.baseUrl(), req.path(), req.query()));
      } else {
        pagingLinks(ctx, g, nextCursor, total, limit);
      }
    }));
  }

  /** A to-many linkage page of computed resources, with the caller's cursor for the next page. */
  public static ApiResponse computedLinkages(OperationContext ctx, List<Linkage> items, long total, String nextCursor, int limit) {
    DocumentWriter writer = ctx.services().writer();
    return ApiResponse.json(200, writer.document(json -> {
      JsonGenerator g = json.g();
      g.writeFieldName(DocumentWriter.DATA);
      g.writeStartArray();
      for (Linkage l : items) {
        writer.linkage(g, l);
      }
      g.writeEndArray();
      pagingLinks(ctx, g, nextCursor, total, limit);
    }));
  }

  /** {@code {"data": null, "links": {"self"}}}: a to-one related resource that is not set. */
  public static ApiResponse nullData(OperationContext ctx) {
    return linkage(ctx, null);
  }

  /** A to-one linkage document: {@code {"data": {type,id}|null, "links": {self}}} (DocumentLinks). */
  public static ApiResponse linkage(OperationContext ctx, Linkage target) {
    ApiRequest req = ctx.request();
    DocumentWriter writer = ctx.services().writer();
    return ApiResponse.json(200, writer.document(json -> {
      json.g().writeFieldName(DocumentWriter.DATA);
      writer.linkage(json.g(), target);
      selfLink(json.g(), Links.self(req.baseUrl(), req.path(), req.query()));
    }));
  }

  /** A to-many linkage page: identifiers only, with paging. */
  public static ApiResponse linkages(OperationContext ctx, Page page, int limit) {
    return linkages(ctx, page, limit, page.next() == null ? null : ctx.services().cursors().encode(page.next()), false);
  }

  /** {@link #linkages} with the caller's next cursor, as {@link #page(OperationContext, StoreTx, Page, int, String, boolean)}. */
  static ApiResponse linkages(OperationContext ctx, Page page, int limit, String next, boolean cursorInMeta) {
    DocumentWriter writer = ctx.services().writer();
    return ApiResponse.json(200, writer.document(json -> {
      JsonGenerator g = json.g();
      g.writeFieldName(DocumentWriter.DATA);
      g.writeStartArray();
      for (Resource r : page.items()) {
        writer.linkage(g, r.linkage());
      }
      g.writeEndArray();
      pagingLinks(ctx, g, next, page.total(), limit, cursorInMeta);
    }));
  }

  private static void selfLink(JsonGenerator g, String self) throws IOException {
    g.writeFieldName(DocumentWriter.LINKS);
    g.writeStartObject();
    g.writeFieldName(DocumentWriter.SELF);
    g.writeString(self);
    g.writeEndObject();
  }

  private static void pagingLinks(OperationContext ctx, JsonGenerator g, String nextCursor, long total, int limit)
      throws IOException {
    pagingLinks(ctx, g, nextCursor, total, limit, false);
  }

  private static void pagingLinks(OperationContext ctx, JsonGenerator g, String nextCursor, long total, int limit, boolean cursorInMeta)
      throws IOException {
    ApiRequest req = ctx.request();
    g.writeFieldName(DocumentWriter.LINKS);
    g.writeStartObject();
    g.writeStringField("self", Links.self(req.baseUrl(), req.path(), req.query()));
    g.writeStringField("first", Links.withCursor(req.baseUrl(), req.path(), req.query(), null));
    if (nextCursor != null) {
      g.writeStringField("next", Links.withCursor(req.baseUrl(), req.path(), req.query(), nextCursor));
    }
    g.writeEndObject();
    g.writeFieldName(DocumentWriter.META);
    g.writeStartObject();
    DocumentWriter.paging(g, total, limit, cursorInMeta ? nextCursor : null);
    g.writeEndObject();
  }

  private static String dataSchema(OperationContext ctx, String type) {
    String docSchema = ctx.operation().success().schema();
    String schema = docSchema == null ? null : ctx.services().model().dataSchema(docSchema);
    return schema != null ? schema : ctx.services().model().defaultSchema(type);
  }

  private static void writeIncluded(
      OperationContext ctx, DocumentWriter.Json json, String docSchema, Includer.Result inc, RenderContext rc)
      throws IOException {
    if (inc.included().isEmpty()) {
      return;
    }
    Map<String, String> schemas = ctx.services().model().includedSchemas(docSchema);
    JsonGenerator g = json.g();
    g.writeFieldName("included");
    g.writeStartArray();
    for (Resource r : inc.included()) {
      String schema = schemas.getOrDefault(r.type(), ctx.services().model().defaultSchema(r.type()));
      if (schema != null) {
        ctx.services().writer().resource(json, r, schema, rc, Map.of());
      }
    }
    g.writeEndArray();
  }

  /** A document built as a tree, for the few small documents no other method here writes. */
  public static ApiResponse json(OperationContext ctx, int status, ObjectNode doc) {
    try {
      return ApiResponse.json(status, ctx.services().mapper().writeValueAsBytes(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
