package dev.braeburn.server.engine;

import static dev.braeburn.server.quirks.QuirkCatalogue.ENDLESS_NEXT;
import static dev.braeburn.server.quirks.QuirkCatalogue.IGNORED_SCREENSHOT_FILTER;
import static dev.braeburn.server.quirks.QuirkCatalogue.SLOW_INCLUDES;

import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.server.quirks.QuirkCatalogue;
import dev.braeburn.server.quirks.TeamQuirks;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.StoreTx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apple's listing quirks (braeburn/quirks/quirks.json), applied for a team that switched them on;
 * each application is noted for the journal and the diagnosis header. The team's switches are read
 * only when a quirk could change the answer, so listings of teams without quirks cost nothing more.
 */
final class ListingQuirks {
  private static final String SCREENSHOT_FILTER = "screenshotDisplayType";

  /** How a page ends: its next cursor (null: the last page) and whether a quirk made it. */
  record Ending(String next, boolean quirked, long total) {}

  private final OperationContext ctx;
  private final StoreTx tx;

  ListingQuirks(OperationContext ctx, StoreTx tx) {
    this.ctx = ctx;
    this.tx = tx;
  }

  /** The request's query without the filters Apple ignores (N-ESFAIL: screenshot sets are not filtered by display type). */
  Query query() {
    Query q = ctx.query();
    if (!q.filters().containsKey(SCREENSHOT_FILTER) || !on(IGNORED_SCREENSHOT_FILTER)) {
      return q;
    }
    Map<String, List<String>> filters = new LinkedHashMap<>(q.filters());
    filters.remove(SCREENSHOT_FILTER);
    ctx.quirks().applied(IGNORED_SCREENSHOT_FILTER, "filter[" + SCREENSHOT_FILTER + "] ignored, every screenshot set listed");
    return new Query(q.fields(), q.include(), filters, q.exists(), q.sort(), q.limit(), q.relationLimits(), q.cursor(), q.other());
  }

  /**
   * The request's cursor when it points past the end of the listing (made by the endless-next quirk):
   * an empty page, whose own next cursor leads one page deeper while the quirk stays on; null for an
   * ordinary cursor. A client that follows such a cursor after the quirk is switched off reaches the end.
   */
  Ending beyondEnd() {
    long[] position = ctx.services().cursors().beyondEnd(ctx.query().cursor());
    if (position == null) {
      return null;
    }
    long total = position[1];
    if (!on(ENDLESS_NEXT)) {
      return new Ending(null, false, total);
    }
    ctx.quirks().applied(ENDLESS_NEXT, "empty page " + position[0] + " past the end still has links.next");
    return new Ending(ctx.services().cursors().encodeBeyondEnd(position[0] + 1, total), true, total);
  }

  /** The next cursor after a page from the store: its own, or on the last page, with the quirk on, one into the empty pages. */
  Ending afterPage(Page page) {
    if (page.next() != null) {
      return new Ending(ctx.services().cursors().encode(page.next()), false, page.total());
    }
    if (!on(ENDLESS_NEXT)) {
      return new Ending(null, false, page.total());
    }
    ctx.quirks().applied(ENDLESS_NEXT, "the last page has links.next to an empty page");
    return new Ending(ctx.services().cursors().encodeBeyondEnd(1, page.total()), true, page.total());
  }

  /** Latency in proportion to the resources a page includes (pages of 200 purchases taking minutes), bounded by {@code maxMs}. */
  static void slowIncludes(OperationContext ctx, StoreTx tx, int included) {
    if (included == 0 || !new ListingQuirks(ctx, tx).on(SLOW_INCLUDES)) {
      return;
    }
    TeamQuirks team = ctx.quirks().team(tx);
    long millis = Math.min(team.param(SLOW_INCLUDES, "maxMs").asLong(), team.param(SLOW_INCLUDES, "msPerIncluded").asLong() * included);
    ctx.quirks().delay(millis);
    ctx.quirks().applied(SLOW_INCLUDES, included + " included resources, " + millis + " ms added");
  }

  private boolean on(String quirk) {
    return QuirkCatalogue.get().named(quirk).covers(ctx.operation().id()) && ctx.quirks().team(tx).on(quirk);
  }
}
