package dev.braeburn.server.snapshot;

import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.DatabaseCopy;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole server's state as {@link Snapshots#capture()} took it, for braeburn-junit's per-test
 * reset. Where the store can copy its database ({@link DatabaseCopy}: SQLite) it is that copy, and
 * restoring writes it back page by page. Otherwise (PostgreSQL) it is held in memory: the same rows
 * and header a whole-server snapshot document carries, without the JSON, and restoring ({@link
 * Snapshots#restore}) replaces state with them as loading the document would, minus writing,
 * sending and parsing it. Immutable once captured; restore it any number of times, then {@link
 * #close} it (which deletes a database copy).
 */
public final class CapturedState implements AutoCloseable {
  private final SnapshotHeader header;
  private final SnapshotSummary summary;
  /** Null when the rows are the state. */
  private final DatabaseCopy copy;
  private final List<Team> teams;
  private final List<ApiKey> keys;
  private final List<StoredResource> resources;
  private final List<StoredLink> links;
  private final List<StoredTask> tasks;

  private CapturedState(SnapshotHeader header, Collector rows, DatabaseCopy copy) {
    this.header = header;
    this.summary = new SnapshotSummary(header.scope(), header.issuerId(), rows.teams.size(), rows.keys.size(),
        rows.resources.size(), rows.links.size(), rows.tasks.size());
    this.copy = copy;
    // with a copy, only the counts of the rows are needed (for the summary)
    this.teams = copy == null ? List.copyOf(rows.teams) : List.of();
    this.keys = copy == null ? List.copyOf(rows.keys) : List.of();
    this.resources = copy == null ? List.copyOf(rows.resources) : List.of();
    this.links = copy == null ? List.copyOf(rows.links) : List.of();
    this.tasks = copy == null ? List.copyOf(rows.tasks) : List.of();
  }

  /** The store's copy of its database, or null: then {@link #replay} feeds the state. */
  DatabaseCopy copy() {
    return copy;
  }

  @Override
  public void close() {
    if (copy != null) {
      copy.close();
    }
  }

  SnapshotHeader header() {
    return header;
  }

  /** Feeds the rows to {@code sink} in {@link StateSink}'s order, as a snapshot document would. */
  void replay(StateSink sink) {
    teams.forEach(sink::team);
    keys.forEach(sink::key);
    resources.forEach(sink::resource);
    links.forEach(sink::link);
    tasks.forEach(sink::task);
  }

  /** What was captured: the server's row counts. */
  public SnapshotSummary summary() {
    return summary;
  }

  /** Collects a store's export; {@link #capture} freezes it. */
  static final class Collector implements StateSink {
    private final List<Team> teams = new ArrayList<>();
    private final List<ApiKey> keys = new ArrayList<>();
    private final List<StoredResource> resources = new ArrayList<>();
    private final List<StoredLink> links = new ArrayList<>();
    private final List<StoredTask> tasks = new ArrayList<>();

    @Override
    public void team(Team team) {
      teams.add(team);
    }

    @Override
    public void key(ApiKey key) {
      keys.add(key);
    }

    @Override
    public void resource(StoredResource resource) {
      resources.add(resource);
    }

    @Override
    public void link(StoredLink link) {
      links.add(link);
    }

    @Override
    public void task(StoredTask task) {
      tasks.add(task);
    }

    CapturedState capture(SnapshotHeader header, DatabaseCopy copy) {
      return new CapturedState(header, this, copy);
    }
  }
}
