package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The reads that hand out a request's data, each counted as activity ({@link Activity}):
 * {@code GET /v1/analyticsReportInstances/{id}}, {@code …/{id}/segments} and {@code GET
 * /v1/analyticsReportSegments/{id}}. Segments are rendered with a {@code url} signed at the moment
 * of the call ({@link SegmentUrls}); it is never stored.
 */
final class SegmentReads {
  private static final int DEFAULT_LIMIT = 50; // the generic listing's default (the spec's maximum here is 200)

  ApiResponse instance(OperationContext ctx) {
    return touching(ctx, ctx.services().store().read(ctx.teamId(), tx -> {
      Resource instance = GenericReads.existing(tx, AnalyticsTypes.INSTANCES, ctx.id());
      return new Answer(Documents.single(ctx, tx, instance, 200), instance.attributes().path("requestId").asText());
    }));
  }

  ApiResponse segments(OperationContext ctx) {
    int limit = ctx.query().limit() != null ? ctx.query().limit() : DEFAULT_LIMIT;
    PageKey after = ctx.query().cursor() == null ? null : cursor(ctx);
    Instant now = ctx.services().clock().instant();
    return touching(ctx, ctx.services().store().read(ctx.teamId(), tx -> {
      Resource instance = GenericReads.existing(tx, AnalyticsTypes.INSTANCES, ctx.id());
      String relation = ctx.services().model().relationship(AnalyticsTypes.INSTANCES, "segments").storage();
      Page page = tx.list(new ListSpec(AnalyticsTypes.SEGMENTS, new ListSpec.Parent(instance.type(), instance.id(), relation),
          List.of(), List.of(), after, limit));
      List<Resource> signed = new ArrayList<>();
      page.items().forEach(s -> signed.add(withUrl(ctx, s, now)));
      return new Answer(Documents.page(ctx, tx, new Page(signed, page.total(), page.next()), limit),
          instance.attributes().path("requestId").asText());
    }));
  }

  ApiResponse segment(OperationContext ctx) {
    Instant now = ctx.services().clock().instant();
    return touching(ctx, ctx.services().store().read(ctx.teamId(), tx -> {
      Resource segment = GenericReads.existing(tx, AnalyticsTypes.SEGMENTS, ctx.id());
      return new Answer(Documents.single(ctx, tx, withUrl(ctx, segment, now), 200), segment.attributes().path("requestId").asText());
    }));
  }

  private record Answer(ApiResponse response, String requestId) {}

  private static ApiResponse touching(OperationContext ctx, Answer answer) {
    Activity.touch(ctx.services().store(), ctx.teamId(), answer.requestId(), ctx.services().clock().instant());
    return answer.response();
  }

  private static Resource withUrl(OperationContext ctx, Resource segment, Instant now) {
    var attributes = segment.attributes().deepCopy();
    attributes.put("url", SegmentUrls.url(ctx.request().baseUrl(), ctx.teamId(), segment, now));
    return new Resource(segment.type(), segment.id(), segment.seq(), attributes);
  }

  /** A cursor of the generic listing's form without sort keys: base64url JSON {@code {"p":[],"v":[],"s":seq}}. */
  private static PageKey cursor(OperationContext ctx) {
    String cursor = ctx.query().cursor();
    try {
      JsonNode node = ctx.services().mapper().readTree(Base64.getUrlDecoder().decode(cursor));
      if (node != null && node.path("s").canConvertToLong() && node.path("p").isArray() && node.path("p").isEmpty()) {
        return new PageKey(List.of(), List.of(), node.get("s").asLong());
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      // answered below
    }
    throw new ApiException(Errors.parameterInvalid("cursor", "'" + cursor + "' is not a valid cursor for this request"));
  }
}
