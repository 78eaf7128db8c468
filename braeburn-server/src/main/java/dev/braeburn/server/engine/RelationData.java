package dev.braeburn.server.engine;

import dev.braeburn.server.store.Linkage;
import java.util.List;

/** Linkage data of one relationship of one resource, when it was included: first items, total. */
public record RelationData(List<Linkage> data, long total, int limit) {}
