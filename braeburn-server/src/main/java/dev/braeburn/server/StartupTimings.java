package dev.braeburn.server;

import java.lang.management.ManagementFactory;

/**
 * Where a launch's time goes, for docs/benchmarks.md §2: with {@code -Dbraeburn.startupTimings=true}
 * each phase of {@link BraeburnServer#start} prints one line on stderr, the milliseconds since the
 * JVM started and since the previous phase. Off by default; then a mark costs one field read.
 */
final class StartupTimings {
  private static final boolean ON = Boolean.getBoolean("braeburn.startupTimings");
  private static long previous = -1;

  private StartupTimings() {}

  static synchronized void mark(String phase) {
    if (!ON) {
      return;
    }
    long now = ManagementFactory.getRuntimeMXBean().getUptime();
    System.err.printf("braeburn start: %5d ms (+%4d) %s%n", now, previous < 0 ? now : now - previous, phase);
    previous = now;
  }
}
