package dev.braeburn.server.family.uploads;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;
import java.util.Optional;

/** Relationship reads and writes by name, through the spec model (storage names, inverses). */
final class Related {
  private final EngineServices services;

  Related(EngineServices services) {
    this.services = services;
  }

  Optional<Resource> one(StoreTx tx, Resource source, String name) {
    List<Resource> all = all(tx, source, name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
  }

  List<Resource> all(StoreTx tx, Resource source, String name) {
    List<Linkage> targets = tx.linked(source.type(), source.id(), relationship(source.type(), name).storage());
    if (targets.isEmpty()) {
      return List.of();
    }
    java.util.Map<Linkage, Resource> found = new java.util.HashMap<>();
    tx.findAll(targets).forEach(r -> found.put(r.linkage(), r));
    return targets.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  /** Links both ways where the spec model knows the inverse (a build's app makes it one of the app's builds). */
  void add(StoreTx tx, Resource source, String name, Resource target) {
    services.relations().add(tx, source, relationship(source.type(), name), target);
  }

  private Relationship relationship(String type, String name) {
    Relationship rel = services.model().relationship(type, name);
    if (rel == null) {
      throw new IllegalStateException("the spec model has no relationship " + type + "." + name);
    }
    return rel;
  }
}
