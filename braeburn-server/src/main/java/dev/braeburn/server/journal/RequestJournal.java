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
  /** One request: who, what, the answer, and for errors the code and the plain reason. */
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
      long durationMicros) {}

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
