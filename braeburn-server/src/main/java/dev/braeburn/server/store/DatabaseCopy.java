package dev.braeburn.server.store;

/**
 * A copy of a store's whole database, taken by {@link Store#copyDatabase()}, that {@link #restore}
 * writes back in one step: every table as it was when the copy was taken. Restore it any number of
 * times; {@link #close} deletes it.
 */
public interface DatabaseCopy extends AutoCloseable {
  /**
   * Replaces the database by the copy, serialised with the store's writes (a running write finishes
   * first, the next one waits), then drops what this instance caches of teams, keys and fault
   * rules. The caller reloads the virtual clock: its setting is part of the copy.
   */
  void restore();

  @Override
  void close();
}
