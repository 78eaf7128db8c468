package dev.braeburn.server.family.commerce.pricing;

import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.RelationData;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pages of computed resources (price points, automatic prices): an offset cursor, base64url of
 * {@code {"offset":"N"}} as Apple's device lists use (protocol.md "paging"), the page size the
 * request asked for (default 50), and {@code include=territory} served from the team's territories.
 */
final class ComputedPages {
  static final int DEFAULT_LIMIT = 50;

  /** One rendered item: the resource and its relationships' data. */
  record Item(Resource resource, Map<String, Linkage> toOne) {}

  private ComputedPages() {}

  /** The page of {@code all} the request asks for, rendered; {@code linkagesOnly} for a relationship endpoint. */
  static ApiResponse render(OperationContext ctx, StoreTx tx, int total, Function<Integer, Item> at, boolean linkagesOnly) {
    int limit = ctx.query().limit() != null ? ctx.query().limit() : DEFAULT_LIMIT;
    int offset = offset(ctx.query().cursor());
    List<Item> items = new ArrayList<>();
    for (int i = offset; i < Math.min(total, offset + limit); i++) {
      items.add(at.apply(i));
    }
    String next = offset + limit < total ? cursor(offset + limit) : null;
    if (linkagesOnly) {
      return Documents.computedLinkages(ctx, items.stream().map(i -> i.resource().linkage()).toList(), total, next, limit);
    }
    return documents(ctx, tx, items, total, next, limit, 200);
  }

  /** One computed resource as a single-resource document. */
  static ApiResponse single(OperationContext ctx, StoreTx tx, Item item) {
    return documents(ctx, tx, List.of(item), -1, null, 0, 200);
  }

  /** A resource just created, 201 with its Location. */
  static ApiResponse created(OperationContext ctx, StoreTx tx, Item item, String location) {
    return documents(ctx, tx, List.of(item), -1, null, 0, 201).withHeader("Location", location);
  }

  /** A full list (already filtered) rendered as one page, as a stored relation would be. */
  static ApiResponse documents(OperationContext ctx, StoreTx tx, List<Item> items, long total, String next, int limit, int status) {
    Map<String, Map<String, RelationData>> relations = new HashMap<>();
    Set<Linkage> wanted = new LinkedHashSet<>();
    for (Item item : items) {
      Map<String, RelationData> rel = new HashMap<>();
      item.toOne().forEach((name, target) -> {
        rel.put(name, new RelationData(target == null ? List.of() : List.of(target), target == null ? 0 : 1, 1));
        if (target != null && ctx.query().include().contains(name)) {
          wanted.add(target);
        }
      });
      relations.put(item.resource().id(), rel);
    }
    List<Resource> included = new ArrayList<>();
    for (Linkage l : wanted) { // price points are computed; everything else is stored
      PointKind kind = java.util.Arrays.stream(PointKind.values()).filter(k -> k.type.equals(l.type())).findFirst().orElse(null);
      PricePointId point = kind == null ? null : PricePointId.decode(l.id());
      if (point != null) {
        included.add(PricePoints.item(kind, point).resource());
      }
    }
    List<Linkage> stored = wanted.stream().filter(l -> l.type().equals("territories")).toList();
    included.addAll(stored.isEmpty() ? List.of() : tx.findAll(stored));
    return Documents.computed(ctx, items.stream().map(Item::resource).toList(), relations, included, total, next, limit, status);
  }

  static String cursor(int offset) {
    String json = "{\"offset\":\"" + offset + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      var m = java.util.regex.Pattern.compile("^\\{\"offset\":\"(\\d{1,9})\"}$").matcher(json);
      if (m.matches()) {
        return Integer.parseInt(m.group(1));
      }
    } catch (IllegalArgumentException e) {
      // falls through to Apple's answer for a cursor it did not make
    }
    throw new ApiException(Errors.parameterInvalid("cursor", "'" + cursor + "' is not a valid cursor for this request"));
  }
}
