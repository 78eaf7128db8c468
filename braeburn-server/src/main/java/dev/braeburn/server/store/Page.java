package dev.braeburn.server.store;

import java.util.List;

/** One page of a listing, the total across all pages, and the key after it (null on the last). */
public record Page(List<Resource> items, long total, PageKey next) {}
