package dev.braeburn.server.family.reports.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One report's complete rows of one day of one model version, kept for the next instances that
 * need them: a DAILY instance re-delivers each Date for the report's whole completeness window,
 * and weekly and monthly instances sum days already summed for the daily ones. The most recently
 * used {@value #CAPACITY} days are kept; the maps are never changed once cached.
 */
final class RowCache {
  static final int CAPACITY = 512;

  private final Map<String, Map<RowKey, long[]>> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<RowKey, long[]>> eldest) {
      return size() > CAPACITY;
    }
  };

  Map<RowKey, long[]> get(String key, Supplier<Map<RowKey, long[]>> compute) {
    synchronized (cache) {
      Map<RowKey, long[]> cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Map<RowKey, long[]> rows = compute.get();
    synchronized (cache) {
      cache.put(key, rows);
    }
    return rows;
  }
}
