package dev.braeburn.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import dev.braeburn.server.snapshot.CapturedState;
import dev.braeburn.server.snapshot.SnapshotSummary;
import dev.braeburn.server.snapshot.Snapshots;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what one per-test reset costs on the demo seed (SQLite), both ways, alternating on one
 * server: the rows re-inserted in one transaction ({@code captureRows}: the reset before the database
 * copy, and still PostgreSQL's) and the database copy written back ({@code capture}). Not a timed
 * assertion: the figures go to docs/benchmarks.md ("Per-test reset"); what it asserts is that both
 * leave the same state.
 */
class ResetTimingTest {
  /** 5 in an ordinary build (it checks both resets agree); the benchmark runs 40 (-Dbraeburn.resetRounds=40). */
  static final int ROUNDS = Integer.getInteger("braeburn.resetRounds", 5);

  @Test
  void printsWhatAResetCostsBothWays(@TempDir Path dir) throws Exception {
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo");
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
         CapturedState copy = server.snapshots().capture();
         CapturedState rows = server.snapshots().captureRows()) {
      Snapshots snapshots = server.snapshots();
      long[] fromRows = new long[ROUNDS];
      long[] fromCopy = new long[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        long start = System.nanoTime();
        snapshots.restore(rows);
        fromRows[i] = System.nanoTime() - start;
        assertThat(counts(snapshots)).isEqualTo(rows.summary());

        start = System.nanoTime();
        snapshots.restore(copy);
        fromCopy[i] = System.nanoTime() - start;
        assertThat(counts(snapshots)).isEqualTo(copy.summary()).isEqualTo(rows.summary());
      }
      System.out.printf("per-test reset, demo seed (%s), %d rounds: rows re-inserted %s; database copy written back %s; db file %d KiB%n",
          rows.summary().counts(), ROUNDS, stats(fromRows), stats(fromCopy), Files.size(dir.resolve("braeburn.db")) / 1024);
    }
  }

  /** The row counts the server holds now. */
  private static SnapshotSummary counts(Snapshots snapshots) {
    try (CapturedState now = snapshots.captureRows()) {
      return now.summary();
    }
  }

  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    // the first rounds warm the JIT and the page cache
    return String.format("median %.1f ms, p90 %.1f ms, min %.1f ms", sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length * 9 / 10] / 1e6, sorted[0] / 1e6);
  }
}
