package dev.braeburn.server.engine;

import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relationship writes with JSON:API semantics on top of plain edges: every edge with a known
 * inverse is mirrored (a build's {@code app} makes it one of the app's {@code builds}), and a
 * to-one on either side holds one target, so linking a version to a build unlinks whatever each
 * of them pointed at before.
 *
 * <p>Some types are computed, not stored (price points: 175 territories × hundreds of points per
 * product). A family registers how to {@link #computedTargets store one on demand}, so that a
 * relationship naming one (an offer's price point) links it like any stored resource.
 */
public final class Relations {
  /** Stores the computed resource {@code id} of a type and returns it, or empty when the id names none. */
  @FunctionalInterface
  public interface ComputedTarget {
    Optional<Resource> store(StoreTx tx, String id);
  }

  private final ResourceModel model;
  private final Map<String, ComputedTarget> computed = new ConcurrentHashMap<>();
  private final Map<String, GenericWrites.InlineCreate> inline = new ConcurrentHashMap<>();

  public Relations(ResourceModel model) {
    this.model = model;
  }

  /** Registers how a computed type's resource is stored when a relationship names it. */
  public void computedTargets(String type, ComputedTarget target) {
    computed.put(type, target);
  }

  /** Registers how an update's {@code included} item of {@code type} is created (its own POST's rules). */
  public void inlineCreator(String type, GenericWrites.InlineCreate creator) {
    inline.put(type, creator);
  }

  /** The creator of an update's {@code included} item of {@code type}: the family's, else {@link GenericWrites#createInline}. */
  GenericWrites.InlineCreate inlineCreator(String type) {
    return inline.getOrDefault(type, (ctx, tx, parent, item, local) -> GenericWrites.createInline(ctx, tx, item, local));
  }

  /** The relationship target {@code type}/{@code id}: stored, or a computed one stored now; empty if there is none. */
  public Optional<Resource> target(StoreTx tx, String type, String id) {
    Optional<Resource> stored = tx.find(type, id);
    ComputedTarget maker = computed.get(type);
    return stored.isPresent() || maker == null ? stored : maker.store(tx, id);
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
