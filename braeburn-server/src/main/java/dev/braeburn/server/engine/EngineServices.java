package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.server.schedule.Scheduler;

/** What handlers work with: the spec-derived model, the store, rendering, relationship writes, server time, scheduled work and the type rules. */
public record EngineServices(
    ResourceModel model,
    Store store,
    DocumentWriter writer,
    Relations relations,
    IdGenerator ids,
    VirtualClock clock,
    Scheduler scheduler,
    ObjectMapper mapper,
    TypeRules rules) {

  Includer includer() {
    return new Includer(model);
  }

  Listings listings() {
    return new Listings(model);
  }

  Cursors cursors() {
    return new Cursors(mapper);
  }
}
