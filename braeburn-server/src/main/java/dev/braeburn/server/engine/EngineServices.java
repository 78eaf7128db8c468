package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.schedule.Scheduler;

/** What handlers work with: the spec-derived model, the store, rendering, relationship writes, server time and scheduled work. */
public record EngineServices(
    ResourceModel model,
    Store store,
    DocumentWriter writer,
    Relations relations,
    IdGenerator ids,
    VirtualClock clock,
    Scheduler scheduler,
    ObjectMapper mapper) {

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
