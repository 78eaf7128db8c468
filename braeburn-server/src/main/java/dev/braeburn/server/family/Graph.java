package dev.braeburn.server.family;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Graph helpers every family works with, going through the spec's relationship storage names so
 * inverses stay mirrored: related resources, one related resource, linking, and attribute updates.
 */
public record Graph(EngineServices services) {

  /** Server time to the second, as Apple renders dates. */
  public Instant now() {
    return services.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }

  public ObjectNode object() {
    return services.mapper().createObjectNode();
  }

  public Relationship relationship(String type, String name) {
    Relationship rel = services.model().relationship(type, name);
    if (rel == null) {
      throw new IllegalStateException("the spec model has no relationship " + type + "." + name);
    }
    return rel;
  }

  public List<Resource> related(StoreTx tx, Resource source, String name) {
    List<Linkage> targets = tx.linked(source.type(), source.id(), relationship(source.type(), name).storage());
    return targets.isEmpty() ? List.of() : tx.findAll(targets);
  }

  public Optional<Resource> relatedOne(StoreTx tx, Resource source, String name) {
    List<Linkage> targets = tx.linked(source.type(), source.id(), relationship(source.type(), name).storage());
    return targets.isEmpty() ? Optional.empty() : tx.find(targets.getFirst().type(), targets.getFirst().id());
  }

  /** Adds {@code target} to {@code source.name} (and the inverse), as a relationship POST would. */
  public void link(StoreTx tx, Resource source, String name, Resource target) {
    services.relations().add(tx, source, relationship(source.type(), name), target);
  }

  /** Removes {@code target} from {@code source.name} (and the inverse). */
  public void unlink(StoreTx tx, Resource source, String name, Resource target) {
    services.relations().remove(tx, source, relationship(source.type(), name), target.linkage());
  }

  /** Writes new attribute values onto a stored resource and returns it as stored now. */
  public Resource update(StoreTx tx, Resource resource, ObjectNode changes) {
    ObjectNode attributes = resource.attributes().deepCopy();
    attributes.setAll(changes);
    tx.updateAttributes(resource, attributes);
    return new Resource(resource.type(), resource.id(), resource.seq(), attributes);
  }
}
