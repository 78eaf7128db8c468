package dev.braeburn.client.api;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Walks {@code links.next}. Stops when a page has no {@code next}, when a page is empty (Apple's
 * endless-next quirk: see {@link AppStoreConnectClient#pages}), or when a {@code next} repeats a URL
 * already read (a server looping on one cursor would otherwise trap us too).
 */
final class Pager implements Iterator<Document> {
  private final AppStoreConnectClient client;
  private final Set<String> seen = new HashSet<>();
  private String next;

  Pager(AppStoreConnectClient client, String first) {
    this.client = client;
    this.next = first;
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Document next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    seen.add(next);
    Document page = client.get(next);
    String following = page.links().next().orElse(null);
    next = following == null || page.isEmpty() || seen.contains(following) ? null : following;
    return page;
  }
}
