package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Store;
import java.time.Clock;

/** What handlers work with: the spec-derived model, the store, rendering and relationship writes. */
public record EngineServices(
    ResourceModel model,
    Store store,
    DocumentWriter writer,
    Relations relations,
    IdGenerator ids,
    Clock clock,
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
