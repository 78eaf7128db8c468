package dev.braeburn.server.store.sql;

import dev.braeburn.server.store.ValueKind;

/**
 * The few places where SQLite and PostgreSQL SQL differ: reading one JSON attribute, binding a
 * filter value of a given kind, and where the migrations live.
 */
public interface Dialect {
  /** SQL expression reading attribute {@code ?} of {@code alias.attributes} as the given kind. */
  String attribute(String alias, ValueKind kind);

  /** Condition: the JSON array attribute {@code ?} contains one of the bound values. */
  SqlBuilder arrayContains(String alias, String attribute, java.util.List<String> values);

  /** The bind value naming an attribute in {@link #attribute}. */
  Object attributePath(String attribute);

  /** A filter value as text, converted to what {@link #attribute} compares against. */
  Object value(ValueKind kind, String text);

  /**
   * Stand-in for null in sort keys, so that keyset comparisons never meet SQL NULL. Booleans read
   * as 1/0 in both dialects, so numbers and booleans share 0.
   */
  default String nullDefault(ValueKind kind) {
    return kind == ValueKind.STRING ? "''" : "0";
  }

  /** Placeholder for writing the attributes JSON text. */
  String jsonParameter();

  String migrations();

  /**
   * A statement run first in every write transaction to serialise writers of one team, or null
   * when the database already has a single writer (SQLite with one writer connection).
   */
  default SqlBuilder writeLock(String teamId) {
    return null;
  }

  /**
   * A statement telling other instances on the database that what {@code channel} names changed
   * ({@link ChangeListener}), or null when no other instance can share the database.
   */
  default SqlBuilder changed(String channel) {
    return null;
  }
}
