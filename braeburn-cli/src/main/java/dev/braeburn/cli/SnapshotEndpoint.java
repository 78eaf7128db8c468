package dev.braeburn.cli;

import dev.braeburn.server.snapshot.SnapshotSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where {@code braeburn snapshot} saves from and loads into: the admin API of a running server
 * ({@link RemoteSnapshots}: the server then drops its key caches itself) or, when none runs on the
 * data directory, the store opened directly ({@link LocalSnapshots}).
 */
interface SnapshotEndpoint extends AutoCloseable {
  /** Streams the snapshot document of one team (null: the whole server) to {@code out}. */
  void save(String team, OutputStream out) throws IOException;

  /** Loads {@code file}, telling {@code progress} the bytes sent (or, when it streams none, just waiting on it). */
  SnapshotSummary load(Path file, Progress progress) throws IOException;

  @Override
  void close();

  /** {@code --url}, else the server that {@code <data>/server.json} names if it answers, else the store itself. */
  static SnapshotEndpoint open(ServerOptions server, SnapshotCommand.StoreOptions store, boolean forSave) throws IOException {
    if (server.url != null) {
      return new RemoteSnapshots(server.url, adminToken(server));
    }
    String running = AdminConnection.runningUrl(server.data);
    if (running != null) {
      return new RemoteSnapshots(running, adminToken(server));
    }
    return LocalSnapshots.open(server.data, store.kind, store.jdbcUrl, forSave);
  }

  private static String adminToken(ServerOptions server) throws IOException {
    return AdminConnection.adminToken(server.adminToken, server.data);
  }
}
