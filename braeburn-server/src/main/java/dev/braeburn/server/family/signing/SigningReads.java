package dev.braeburn.server.family.signing;

import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/** Every resource of a type in the team, page by page: the uniqueness and limit checks compare values the filters cannot. */
final class SigningReads {
  private static final int PAGE = 500;

  private SigningReads() {}

  static List<Resource> all(StoreTx tx, String type) {
    List<Resource> out = new ArrayList<>();
    PageKey after = null;
    do {
      Page page = tx.list(new ListSpec(type, null, List.of(), List.of(), after, PAGE));
      out.addAll(page.items());
      after = page.next();
    } while (after != null);
    return out;
  }
}
