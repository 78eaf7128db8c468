package dev.braeburn.server.family.reports.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;

/**
 * Remembered first-time downloads per app and day. A subscription day looks back over years of
 * cohorts and a report walks many days, so the same days are asked for again and again; the
 * values are a pure function of the app id, the tuning and the date, so remembering them changes
 * nothing but the time. Blocks of {@value #BLOCK} days are computed whole and published through
 * a concurrent map; the {@value #APPS} most recently used apps are kept.
 */
final class DownloadHistory {
  private static final int BLOCK = 256;
  private static final int APPS = 32;

  private record Key(String appId, ModelTuning tuning) {}

  private static final Map<Key, Map<Long, long[]>> CACHE = new LinkedHashMap<>(APPS, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Map<Long, long[]>> eldest) {
      return size() > APPS;
    }
  };

  private final Map<Long, long[]> blocks;
  private final LongUnaryOperator compute;

  DownloadHistory(String appId, ModelTuning tuning, LongUnaryOperator compute) {
    synchronized (CACHE) {
      this.blocks = CACHE.computeIfAbsent(new Key(appId, tuning), k -> new ConcurrentHashMap<>());
    }
    this.compute = compute;
  }

  /** Downloads on the day {@code epochDay}. */
  long get(long epochDay) {
    long block = Math.floorDiv(epochDay, BLOCK);
    long[] days = blocks.computeIfAbsent(block, b -> {
      long[] values = new long[BLOCK];
      for (int i = 0; i < BLOCK; i++) {
        values[i] = compute.applyAsLong(b * BLOCK + i);
      }
      return values;
    });
    return days[(int) Math.floorMod(epochDay, BLOCK)];
  }
}
