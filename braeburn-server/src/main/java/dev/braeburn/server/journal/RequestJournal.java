package dev.braeburn.server.journal;

import java.time.Instant;
import java.util.List;

/**
 * The most recent requests of the public API, bounded: what {@code GET /_braeburn/requests} shows.
 * Each rejection carries its exact reason — the answer to "why did App Store Connect say 401?"
 * that Apple never gives. One instance keeps it in memory ({@link MemoryJournal}); instances
 * sharing a PostgreSQL database keep it there, so any instance shows the requests of all.
 */
public interface RequestJournal extends AutoCloseable {
  /**
   * One request: who, what, the answer, for errors the code and the plain reason, and, when a
   * fault rule changed the answer, {@code fault}: the rule's id and what it did ("f1 latency 250
   * ms"), null otherwise.
   */
  record Entry(
      String requestId,
      Instant time,
      String method,
      String path,
      String query,
      int status,
      String issuerId,
      String keyId,
      String errorCode,
      String diagnosis,
      long durationMicros,
      String fault) {
    public Entry(String requestId, Instant time, String method, String path, String query, int status, String issuerId,
        String keyId, String errorCode, String diagnosis, long durationMicros) {
      this(requestId, time, method, path, query, status, issuerId, keyId, errorCode, diagnosis, durationMicros, null);
    }

    /** This entry marked as changed by an injected fault. */
    public Entry withFault(String description) {
      return new Entry(requestId, time, method, path, query, status, issuerId, keyId, errorCode, diagnosis, durationMicros, description);
    }
  }

  /** Which entries to show: null fields match anything; at most {@code limit}, newest first. */
  record Filter(Integer status, String keyId, String issuerId, int limit) {
    public boolean matches(Entry e) {
      return (status == null || status == e.status())
          && (keyId == null || keyId.equals(e.keyId()))
          && (issuerId == null || issuerId.equals(e.issuerId()));
    }
  }

  /** Files an entry; must not slow the request down (the shared journal writes in batches). */
  void record(Entry entry);

  /** The newest entries matching {@code filter}, newest first, including every entry this instance recorded before the call. */
  List<Entry> recent(Filter filter);

  void clear();

  int capacity();

  /** Writes out what is still pending. */
  @Override
  default void close() {}
}
