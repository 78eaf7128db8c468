package dev.braeburn.server.family;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import com.fasterxml.jackson.databind.JsonNode;
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

  /** A resource's date-time attribute; empty when it is missing or unreadable (a loaded record may have anything). */
  public static Optional<Instant> dateTime(Resource resource, String attribute) {
    return dateTime(resource.attributes().get(attribute));
  }

  /** A stored or requested date-time; empty when it is not a readable one. */
  public static Optional<Instant> dateTime(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Writes new attribute values onto a stored resource and returns it as stored now. */
  public Resource update(StoreTx tx, Resource resource, ObjectNode changes) {
    ObjectNode attributes = resource.attributes().deepCopy();
    attributes.setAll(changes);
    tx.updateAttributes(resource, attributes);
    return new Resource(resource.type(), resource.id(), resource.seq(), attributes);
  }
}
