package dev.braeburn.server.journal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent requests of the public API, newest last, bounded: what {@code GET
 * /_braeburn/requests} shows. Each rejection carries its exact reason — the answer to "why did
 * App Store Connect say 401?" that Apple never gives. In memory (issue 4 shares it across
 * instances).
 */
public final class RequestJournal {
  /** One request: who, what, the answer, and for errors the code and the plain reason. */
  public record Entry(
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

  private final int capacity;
  private final ArrayDeque<Entry> entries;

  public RequestJournal(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 4096));
  }

  public synchronized void record(Entry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** Up to {@code limit} entries matching {@code filter}, newest first. */
  public synchronized List<Entry> recent(Predicate<Entry> filter, int limit) {
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      Entry e = it.next();
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  public synchronized void clear() {
    entries.clear();
  }

  public int capacity() {
    return capacity;
  }
}
