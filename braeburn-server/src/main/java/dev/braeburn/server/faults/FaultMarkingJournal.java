package dev.braeburn.server.faults;

import dev.braeburn.server.journal.RequestJournal;
import java.util.List;

/**
 * The request journal seen by everything that handles requests: an entry recorded while a fault
 * rule's latency or truncation is acting on the request gets the rule's mark ({@link
 * RequestJournal.Entry#fault()}), whichever part of the server (engine, App Store Server API,
 * fail-safe) records it — so the one entry of the request says both what was answered and that
 * a fault changed how.
 */
public final class FaultMarkingJournal implements RequestJournal {
  /** Bound by {@link FaultInjector} while the request it delays or truncates is handled. */
  static final ScopedValue<Mark> ACTIVE = ScopedValue.newInstance();

  /** The fault acting on the current request, and whether its entry was written. */
  static final class Mark {
    final String description;
    volatile boolean recorded;

    Mark(String description) {
      this.description = description;
    }
  }

  private final RequestJournal inner;

  public FaultMarkingJournal(RequestJournal inner) {
    this.inner = inner;
  }

  @Override
  public void record(Entry entry) {
    if (ACTIVE.isBound() && entry.fault() == null) {
      Mark mark = ACTIVE.get();
      mark.recorded = true;
      entry = entry.withFault(mark.description);
    }
    inner.record(entry);
  }

  @Override
  public List<Entry> recent(Filter filter) {
    return inner.recent(filter);
  }

  @Override
  public void clear() {
    inner.clear();
  }

  @Override
  public int capacity() {
    return inner.capacity();
  }

  @Override
  public void close() {
    inner.close();
  }
}
