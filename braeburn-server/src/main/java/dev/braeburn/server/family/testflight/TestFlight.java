package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What every part of the TestFlight family works with: the engine's services, the webhook events
 * and the beta review settings, plus graph helpers that go through the spec's relationship
 * storage names (so inverses stay mirrored).
 */
record TestFlight(EngineServices services, WebhookEvents events, BetaReviewSettings settings) {

  /** Server time to the second, as Apple renders dates. */
  Instant now() {
    return services.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }

  ObjectNode object() {
    return services.mapper().createObjectNode();
  }

  Relationship relationship(String type, String name) {
    Relationship rel = services.model().relationship(type, name);
    if (rel == null) {
      throw new IllegalStateException("the spec model has no relationship " + type + "." + name);
    }
    return rel;
  }

  List<Resource> related(StoreTx tx, Resource source, String name) {
    List<Linkage> targets = tx.linked(source.type(), source.id(), relationship(source.type(), name).storage());
    return targets.isEmpty() ? List.of() : tx.findAll(targets);
  }

  Optional<Resource> relatedOne(StoreTx tx, Resource source, String name) {
    List<Linkage> targets = tx.linked(source.type(), source.id(), relationship(source.type(), name).storage());
    return targets.isEmpty() ? Optional.empty() : tx.find(targets.getFirst().type(), targets.getFirst().id());
  }

  /** Adds {@code target} to {@code source.name} (and the inverse), as a relationship POST would. */
  void link(StoreTx tx, Resource source, String name, Resource target) {
    services.relations().add(tx, source, relationship(source.type(), name), target);
  }

  /** Writes new attribute values onto a stored resource and returns it as stored now. */
  Resource update(StoreTx tx, Resource resource, ObjectNode changes) {
    ObjectNode attributes = resource.attributes().deepCopy();
    attributes.setAll(changes);
    tx.updateAttributes(resource, attributes);
    return new Resource(resource.type(), resource.id(), resource.seq(), attributes);
  }
}
