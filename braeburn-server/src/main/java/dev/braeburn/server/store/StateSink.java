package dev.braeburn.server.store;

/**
 * A store's state as a stream of rows, section by section: every team, then every key, then
 * every resource in listing order (the order its {@code seq} gives), then every link. Snapshots
 * are written from one ({@link Store#exportState}) and loaded into one ({@link
 * Store#importState}), so a whole server never has to fit in memory at once.
 */
public interface StateSink {
  void team(Team team);

  void key(ApiKey key);

  void resource(StoredResource resource);

  void link(StoredLink link);

  /** Since snapshot version 2: work scheduled on the virtual clock, soonest first. */
  void task(StoredTask task);
}
