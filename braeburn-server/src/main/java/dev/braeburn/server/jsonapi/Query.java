package dev.braeburn.server.jsonapi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated JSON:API query: sparse fieldsets by type, includes, filters by key (values OR-ed),
 * {@code exists[…]}, sort keys, page size, per-relationship include limits, the paging cursor, and
 * any operation-specific parameters (analytics {@code granularity}, …).
 */
public record Query(
    Map<String, Set<String>> fields,
    List<String> include,
    Map<String, List<String>> filters,
    Map<String, Boolean> exists,
    List<SortKey> sort,
    Integer limit,
    Map<String, Integer> relationLimits,
    String cursor,
    Map<String, List<String>> other) {

  public record SortKey(String field, boolean descending) {}

  public static final Query EMPTY =
      new Query(Map.of(), List.of(), Map.of(), Map.of(), List.of(), null, Map.of(), null, Map.of());

  /** Field names requested for a type, or null when all fields are wanted. */
  public Set<String> fieldsOf(String type) {
    return fields.get(type);
  }
}
