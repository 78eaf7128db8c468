package dev.braeburn.server.family.reports.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The most recently downloaded segment files, up to {@value #MAX_BYTES} bytes in all. A segment's
 * bytes never change (its recipe and model version are frozen), so a file made once can be served
 * again as it is — as an object store serves a stored object — instead of being made again from the
 * model on every retry or every consumer's download, which cost about ten times a bare send of the
 * same bytes (docs/benchmarks.md §6).
 */
final class RenderedSegments {
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Map<String, byte[]> files = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** The file of segment {@code key} (its id and checksum), made by {@code make} when not kept; empty when it cannot be made. */
  Optional<byte[]> get(String key, Supplier<Optional<byte[]>> make) {
    synchronized (this) {
      byte[] kept = files.get(key);
      if (kept != null) {
        return Optional.of(kept);
      }
    }
    Optional<byte[]> file = make.get(); // outside the lock: making a file takes milliseconds
    if (file.isEmpty()) {
      return file;
    }
    byte[] made = file.get();
    synchronized (this) {
      if (made.length <= MAX_BYTES / 8 && files.putIfAbsent(key, made) == null) {
        bytes += made.length;
        var eldest = files.entrySet().iterator();
        while (bytes > MAX_BYTES && eldest.hasNext()) {
          bytes -= eldest.next().getValue().length;
          eldest.remove();
        }
      }
    }
    return file;
  }
}
