package dev.braeburn.server.store;

/** How an attribute compares in filters and sorts, from its schema type. */
public enum ValueKind {
  STRING,
  NUMBER,
  BOOLEAN
}
