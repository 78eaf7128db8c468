package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Values Apple fills in on create that the client does not send. Generic for now (creation
 * timestamps); families set their own initial states in their handlers.
 */
final class ResourceDefaults {
  private ResourceDefaults() {}

  static void apply(EngineServices services, String type, ObjectNode attributes) {
    var known = services.model().attributes(type);
    if (known.containsKey("createdDate") && !attributes.hasNonNull("createdDate")) {
      attributes.put("createdDate", services.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
  }
}
