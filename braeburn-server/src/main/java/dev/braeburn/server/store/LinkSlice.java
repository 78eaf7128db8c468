package dev.braeburn.server.store;

import java.util.List;

/** The first {@code limit} targets of one source's relation, and how many there are in all. */
public record LinkSlice(List<Linkage> first, long total) {}
