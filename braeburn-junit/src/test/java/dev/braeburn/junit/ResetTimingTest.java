package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import dev.braeburn.server.snapshot.CapturedState;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what one per-test reset costs on the demo seed (SQLite), both ways, alternating on one
 * server: the rows re-inserted in one transaction (the reset before the database copy; what a
 * snapshot load and PostgreSQL still do) and the database copy written back. Not a timed
 * assertion: the figures go to docs/benchmarks.md ("Per-test reset"); what it asserts is that both
 * leave the same state.
 */
class ResetTimingTest {
  static final int ROUNDS = 30;

  @Test
  void printsWhatAResetCostsBothWays(@TempDir Path dir) throws Exception {
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo");
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
         CapturedState copy = server.snapshots().capture()) {
      Store store = server.store();
      Rows rows = new Rows();
      store.exportState(null, rows);
      long[] fromRows = new long[ROUNDS];
      long[] fromCopy = new long[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        long start = System.nanoTime();
        store.importState(null, rows::replay); // the rows path of Snapshots.restore (its clock write is one row more)
        fromRows[i] = System.nanoTime() - start;
        Rows afterRows = new Rows();
        store.exportState(null, afterRows);

        start = System.nanoTime();
        server.snapshots().restore(copy);
        fromCopy[i] = System.nanoTime() - start;
        Rows afterCopy = new Rows();
        store.exportState(null, afterCopy);
        assertThat(afterCopy.counts()).isEqualTo(afterRows.counts()).isEqualTo(rows.counts());
      }
      System.out.printf("per-test reset, demo seed %s, %d rounds: rows re-inserted %s; database copy written back %s; db file %d KiB%n",
          rows.counts(), ROUNDS, stats(fromRows), stats(fromCopy), Files.size(dir.resolve("braeburn.db")) / 1024);
    }
  }

  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    // the first rounds warm the JIT and the page cache
    return String.format("median %.1f ms, p90 %.1f ms, min %.1f ms", sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length * 9 / 10] / 1e6, sorted[0] / 1e6);
  }

  /** A whole-server export held in memory (what CapturedState keeps on PostgreSQL). */
  static final class Rows implements StateSink {
    final List<Team> teams = new ArrayList<>();
    final List<ApiKey> keys = new ArrayList<>();
    final List<StoredResource> resources = new ArrayList<>();
    final List<StoredLink> links = new ArrayList<>();
    final List<StoredTask> tasks = new ArrayList<>();

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

    void replay(StateSink sink) {
      teams.forEach(sink::team);
      keys.forEach(sink::key);
      resources.forEach(sink::resource);
      links.forEach(sink::link);
      tasks.forEach(sink::task);
    }

    List<Integer> counts() {
      return List.of(teams.size(), keys.size(), resources.size(), links.size(), tasks.size());
    }
  }
}
