package dev.braeburn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.snapshot.SnapshotSummary;
import dev.braeburn.server.snapshot.Snapshots;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.sql.SqlStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Snapshots straight on the store, for when no server runs: no HTTP, no size limit. On PostgreSQL
 * a load still notifies any instance on the database, which then drops its key caches.
 */
final class LocalSnapshots implements SnapshotEndpoint {
  private final Store store;
  private final Snapshots snapshots;

  private LocalSnapshots(Store store) {
    this.store = store;
    this.snapshots = new Snapshots(store, new ObjectMapper(), Clock.systemUTC());
  }

  /** A save must find data where it looks (no empty database created by mistake); a load may start a new data directory. */
  static LocalSnapshots open(Path data, String kind, String jdbcUrl, boolean forSave) {
    ObjectMapper mapper = new ObjectMapper();
    return switch (kind) {
      case "sqlite" -> {
        if (forSave && !Files.exists(data.resolve("braeburn.db"))) {
          throw new CliException("no Braeburn data in " + data.toAbsolutePath() + " (no braeburn.db); pass --data DIR, or"
              + " --store postgres --jdbc-url URL");
        }
        yield new LocalSnapshots(SqlStore.sqlite(data, mapper, Clock.systemUTC()));
      }
      case "postgres" -> new LocalSnapshots(SqlStore.postgres(jdbcUrl, mapper, Clock.systemUTC()));
      default -> throw new CliException("--store " + kind + " is unknown; use sqlite or postgres");
    };
  }

  @Override
  public void save(String team, OutputStream out) throws IOException {
    snapshots.save(team, out);
  }

  @Override
  public SnapshotSummary load(Path file, Progress progress) throws IOException {
    try {
      return progress.during(() -> snapshots.load(file)); // the store reads the file itself: only time to show
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
