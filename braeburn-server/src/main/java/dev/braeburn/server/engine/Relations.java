package dev.braeburn.server.engine;

import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;

/**
 * Relationship writes with JSON:API semantics on top of plain edges: every edge with a known
 * inverse is mirrored (a build's {@code app} makes it one of the app's {@code builds}), and a
 * to-one on either side holds one target, so linking a version to a build unlinks whatever each
 * of them pointed at before.
 */
public final class Relations {
  private final ResourceModel model;

  public Relations(ResourceModel model) {
    this.model = model;
  }

  /** Adds {@code target} to {@code source}'s relation (replacing the target of a to-one). */
  public void add(StoreTx tx, Resource source, Relationship rel, Resource target) {
    if (!rel.toMany()) {
      clear(tx, source, rel);
    }
    Relationship inverse = inverse(rel);
    if (inverse != null && !inverse.toMany()) {
      clear(tx, target, inverse);
    }
    tx.link(source, rel.storage(), target);
    if (inverse != null) {
      tx.link(target, inverse.storage(), source);
    }
  }

  public void remove(StoreTx tx, Resource source, Relationship rel, Linkage target) {
    tx.unlink(source.type(), source.id(), rel.storage(), target);
    Relationship inverse = inverse(rel);
    if (inverse != null) {
      tx.unlink(target.type(), target.id(), inverse.storage(), source.linkage());
    }
  }

  /** Replaces all targets of the relation. */
  public void replace(StoreTx tx, Resource source, Relationship rel, List<Resource> targets) {
    clear(tx, source, rel);
    for (Resource target : targets) {
      add(tx, source, rel, target);
    }
  }

  public void clear(StoreTx tx, Resource source, Relationship rel) {
    for (Linkage old : tx.linked(source.type(), source.id(), rel.storage())) {
      remove(tx, source, rel, old);
    }
  }

  private Relationship inverse(Relationship rel) {
    if (rel.inverse() == null) {
      return null;
    }
    var type = model.spec().resourceType(rel.target());
    if (type == null) {
      return null;
    }
    // The storage name is always the name of the base relation of a twin pair.
    return type.relationship(rel.inverse());
  }
}
