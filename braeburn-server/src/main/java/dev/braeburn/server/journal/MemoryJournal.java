package dev.braeburn.server.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The journal of one instance, in memory: a ring of the last {@code capacity} entries. */
public final class MemoryJournal implements RequestJournal {
  private final int capacity;
  private final ArrayDeque<Entry> entries;

  public MemoryJournal(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 4096));
  }

  @Override
  public synchronized void record(Entry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  @Override
  public synchronized List<Entry> recent(Filter filter) {
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && out.size() < filter.limit(); ) {
      Entry e = it.next();
      if (filter.matches(e)) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }

  @Override
  public int capacity() {
    return capacity;
  }
}
