package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * {@code GET /v1/webhooks/{id}/deliveries}: the webhook's delivery log in the order the deliveries
 * were made, with {@code filter[deliveryState]} and the two {@code createdDate} bounds (which the
 * generic listing has no comparison for), {@code include=event}, {@code fields}, {@code limit} and
 * cursors. One webhook's log is small, so it is filtered in memory; the cursor has the generic
 * listing's form (the last item's sequence), so links look like every other list's.
 */
final class DeliveryListing implements OperationHandler {
  private static final int DEFAULT_LIMIT = 50; // Listings.DEFAULT_LIMIT (the spec's maximum here is 200)

  @Override
  public ApiResponse handle(OperationContext ctx) {
    List<String> states = ctx.query().filters().getOrDefault("deliveryState", List.of());
    Instant from = bound(ctx, "createdDateGreaterThanOrEqualTo", BinaryOperator.minBy(Comparator.naturalOrder()));
    Instant until = bound(ctx, "createdDateLessThan", BinaryOperator.maxBy(Comparator.naturalOrder()));
    long after = ctx.query().cursor() == null ? -1 : cursorSeq(ctx.services().mapper(), ctx.query().cursor());
    int limit = ctx.query().limit() != null ? ctx.query().limit() : DEFAULT_LIMIT;
    return ctx.services().store().read(ctx.teamId(), tx -> {
      Resource webhook = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      String relation = ctx.services().model().relationship(WebhookTypes.WEBHOOKS, "deliveries").storage();
      List<Linkage> linked = tx.linked(webhook.type(), webhook.id(), relation);
      List<Resource> matching = (linked.isEmpty() ? List.<Resource>of() : tx.findAll(linked)).stream()
          .filter(d -> states.isEmpty() || states.contains(d.attributes().path("deliveryState").asText()))
          .filter(d -> within(d.attributes().path("createdDate"), from, until))
          .sorted(Comparator.comparingLong(Resource::seq))
          .toList();
      List<Resource> rest = matching.stream().filter(d -> d.seq() > after).toList();
      List<Resource> items = rest.subList(0, Math.min(limit, rest.size()));
      PageKey next = rest.size() > limit ? new PageKey(List.of(), List.of(), items.getLast().seq()) : null;
      return Documents.page(ctx, tx, new Page(items, matching.size(), next), limit);
    });
  }

  private static boolean within(JsonNode createdDate, Instant from, Instant until) {
    if (from == null && until == null) {
      return true;
    }
    if (!createdDate.isTextual()) {
      return false;
    }
    Instant created = Instant.parse(createdDate.asText());
    return (from == null || !created.isBefore(from)) && (until == null || created.isBefore(until));
  }

  /** A date-time (or a date: midnight UTC); several values are OR-ed, so the widest bound wins. */
  private static Instant bound(OperationContext ctx, String filter, BinaryOperator<Instant> widest) {
    List<String> values = ctx.query().filters().get(filter);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.stream().map(v -> instant("filter[" + filter + "]", v)).reduce(widest).orElseThrow();
  }

  private static Instant instant(String parameter, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new ApiException(Errors.parameterInvalid(parameter,
            "'" + value + "' is not a valid value for '" + parameter + "'; expected a date-time like 2026-11-24T10:15:30Z"));
      }
    }
  }

  /** The sequence in a cursor of the generic form (base64url JSON {@code {"p":[],"v":[],"s":seq}}). */
  private static long cursorSeq(com.fasterxml.jackson.databind.ObjectMapper mapper, String cursor) {
    try {
      JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(cursor));
      JsonNode seq = node == null ? null : node.get("s");
      if (seq == null || !seq.canConvertToLong() || node.path("p").size() != 0) {
        throw new IllegalArgumentException();
      }
      return seq.asLong();
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new ApiException(Errors.parameterInvalid("cursor", "'" + cursor + "' is not a valid cursor for this request"));
    }
  }
}
