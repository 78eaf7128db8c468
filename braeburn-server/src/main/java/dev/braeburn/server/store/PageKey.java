package dev.braeburn.server.store;

import java.util.List;

/**
 * Keyset position after the last item of a page: for each sort key whether its value was null and
 * the value, then the item's sequence. Paging by position rather than offset keeps every page
 * equally cheap and keeps a walk complete while other writers insert.
 */
public record PageKey(List<Boolean> present, List<Object> values, long seq) {}
