package dev.braeburn.server.snapshot;

import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole server's state held in memory, as {@link Snapshots#capture()} read it: the same rows
 * and header a whole-server snapshot document carries, without the JSON. Restoring it ({@link
 * Snapshots#restore}) skips writing, sending and parsing a document, which is what makes the
 * per-test reset of braeburn-junit cheap. Immutable once captured; restore it any number of times.
 */
public final class CapturedState {
  private final SnapshotHeader header;
  private final List<Team> teams;
  private final List<ApiKey> keys;
  private final List<StoredResource> resources;
  private final List<StoredLink> links;
  private final List<StoredTask> tasks;

  private CapturedState(SnapshotHeader header, Collector rows) {
    this.header = header;
    this.teams = List.copyOf(rows.teams);
    this.keys = List.copyOf(rows.keys);
    this.resources = List.copyOf(rows.resources);
    this.links = List.copyOf(rows.links);
    this.tasks = List.copyOf(rows.tasks);
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

  SnapshotSummary summary() {
    return new SnapshotSummary(header.scope(), header.issuerId(), teams.size(), keys.size(), resources.size(), links.size(),
        tasks.size());
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

    CapturedState capture(SnapshotHeader header) {
      return new CapturedState(header, this);
    }
  }
}
