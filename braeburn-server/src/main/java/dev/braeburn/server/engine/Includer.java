package dev.braeburn.server.engine;

import dev.braeburn.server.store.LinkSlice;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads linkage data and included resources for a page in a fixed number of queries: one per
 * included relationship for all items of the page, then one per included type. Each included
 * resource appears once (clients index {@code included} by type and id), and never when it is
 * already primary data.
 */
final class Includer {
  /** Apple's recorded default for {@code limit[rel]} on included to-many relationships. */
  static final int DEFAULT_INCLUDE_LIMIT = 10;

  record Result(Map<String, Map<String, RelationData>> relations, List<Resource> included) {
    static final Result NONE = new Result(Map.of(), List.of());
  }

  private final ResourceModel model;

  Includer(ResourceModel model) {
    this.model = model;
  }

  Result load(StoreTx tx, List<Resource> items, String schemaName, List<String> include, Map<String, Integer> limits) {
    if (items.isEmpty()) {
      return Result.NONE;
    }
    ResourceView view = model.view(schemaName);
    List<String> ids = items.stream().map(Resource::id).toList();
    Map<String, Map<String, RelationData>> relations = new HashMap<>();
    Set<Linkage> wanted = new LinkedHashSet<>();
    view.relationships().forEach((name, shape) -> {
      boolean included = include.contains(name);
      if (!(included || (shape.data() && !shape.links()))) {
        return;
      }
      Relationship rel = model.relationship(view.type(), name);
      if (rel == null) {
        return;
      }
      int limit = shape.toMany() ? limits.getOrDefault(name, DEFAULT_INCLUDE_LIMIT) : 1;
      Map<String, LinkSlice> slices = tx.linkedBatch(view.type(), ids, rel.storage(), limit);
      for (String id : ids) {
        LinkSlice slice = slices.getOrDefault(id, new LinkSlice(List.of(), 0));
        relations.computeIfAbsent(id, k -> new HashMap<>()).put(name, new RelationData(slice.first(), slice.total(), limit));
        if (included) {
          wanted.addAll(slice.first());
        }
      }
    });
    items.forEach(r -> wanted.remove(r.linkage()));
    return new Result(relations, wanted.isEmpty() ? List.of() : ordered(tx.findAll(wanted), wanted));
  }

  private static List<Resource> ordered(List<Resource> found, Set<Linkage> order) {
    Map<Linkage, Resource> byLinkage = new LinkedHashMap<>();
    found.forEach(r -> byLinkage.put(r.linkage(), r));
    List<Resource> out = new ArrayList<>();
    for (Linkage l : order) {
      Resource r = byLinkage.get(l);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
