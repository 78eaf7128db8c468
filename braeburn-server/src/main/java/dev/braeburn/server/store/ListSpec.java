package dev.braeburn.server.store;

import java.util.List;

/**
 * A page request against the store: resources of one type, optionally only those a parent's
 * relation points at, restricted by conditions, ordered by sort keys (then insertion order), from
 * a keyset position.
 */
public record ListSpec(
    String type,
    Parent parent,
    List<Condition> conditions,
    List<Order> order,
    PageKey after,
    int limit) {

  /** The source side of a related listing: {@code /v1/apps/{id}/builds}. */
  public record Parent(String type, String id, String relation) {}

  public record Order(String attribute, ValueKind kind, boolean descending) {}
}
