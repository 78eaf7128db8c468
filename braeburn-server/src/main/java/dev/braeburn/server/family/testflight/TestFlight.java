package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every part of the TestFlight family works with: the engine's services, the webhook events
 * and the beta review settings, plus the shared {@link Graph} helpers.
 */
record TestFlight(EngineServices services, WebhookEvents events, ReviewSettings settings) {

  private Graph graph() {
    return new Graph(services);
  }

  Instant now() {
    return graph().now();
  }

  ObjectNode object() {
    return graph().object();
  }

  List<Resource> related(StoreTx tx, Resource source, String name) {
    return graph().related(tx, source, name);
  }

  Optional<Resource> relatedOne(StoreTx tx, Resource source, String name) {
    return graph().relatedOne(tx, source, name);
  }

  void link(StoreTx tx, Resource source, String name, Resource target) {
    graph().link(tx, source, name, target);
  }

  Resource update(StoreTx tx, Resource resource, ObjectNode changes) {
    return graph().update(tx, resource, changes);
  }
}
