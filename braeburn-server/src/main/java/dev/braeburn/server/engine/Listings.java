package dev.braeburn.server.engine;

import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates {@code filter[…]}, {@code exists[…]} and {@code sort} into store conditions and
 * order. A filter names an attribute ({@code filter[platform]}), the id, a relationship ({@code
 * filter[app]} matches the related id) or a relationship's attribute ({@code
 * filter[appStoreVersions.appStoreState]}). Filters with no stored counterpart (report parameters
 * such as {@code filter[vendorNumber]}) are accepted and left to the family that serves them.
 */
final class Listings {
  /** Apple's most common default page size when {@code limit} is absent (protocol.md §5.5). */
  static final int DEFAULT_LIMIT = 50;

  private final ResourceModel model;

  Listings(ResourceModel model) {
    this.model = model;
  }

  List<Condition> conditions(String type, Query query) {
    List<Condition> out = new ArrayList<>();
    query.filters().forEach((key, values) -> {
      Condition c = filter(type, key, values);
      if (c != null) {
        out.add(c);
      }
    });
    query.exists().forEach((key, exists) -> {
      Relationship rel = model.relationship(type, key);
      if (rel != null) {
        out.add(new Condition.LinkExists(rel.storage(), exists));
      } else if (model.attributes(type).containsKey(key)) {
        out.add(new Condition.AttributeExists(key, exists));
      } else {
        // an exists[] the spec offers on neither a relationship nor an attribute — customerReviews'
        // publishedResponse: the owning family keeps an internal link of that name (family.release.ReviewResponses)
        out.add(new Condition.LinkExists(key, exists));
      }
    });
    return out;
  }

  private Condition filter(String type, String key, List<String> values) {
    if (key.equals("id")) {
      return new Condition.IdIn(values);
    }
    int dot = key.indexOf('.');
    if (dot > 0) {
      Relationship rel = model.relationship(type, key.substring(0, dot));
      if (rel == null) {
        return null;
      }
      Condition inner = filter(rel.target(), key.substring(dot + 1), values);
      return inner == null ? null : new Condition.LinkedWhere(rel.storage(), inner);
    }
    Relationship rel = model.relationship(type, key);
    if (rel != null) {
      return new Condition.LinkedTo(rel.storage(), values);
    }
    Schema attribute = model.attributes(type).get(key);
    if (attribute == null) {
      return null;
    }
    if (attribute.isArray()) {
      return new Condition.AttributeContains(key, values);
    }
    return new Condition.AttributeIn(key, model.kind(attribute), values);
  }

  List<ListSpec.Order> order(String type, Query query) {
    List<ListSpec.Order> out = new ArrayList<>();
    Map<String, Schema> attributes = model.attributes(type);
    for (Query.SortKey key : query.sort()) {
      Schema attribute = attributes.get(key.field());
      if (attribute != null) {
        out.add(new ListSpec.Order(key.field(), model.kind(attribute), key.descending()));
      }
    }
    return out;
  }

  static int limit(Query query, dev.braeburn.spec.Operation op) {
    if (query.limit() != null) {
      return query.limit();
    }
    var param = op.parameter("limit");
    if (param != null && param.schema().maximum() != null) {
      return Math.min(DEFAULT_LIMIT, param.schema().maximum().intValue());
    }
    return DEFAULT_LIMIT;
  }
}
