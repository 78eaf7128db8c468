package dev.braeburn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored resource: JSON:API type and id, the store's insertion sequence (the default order and
 * the keyset for paging) and all attribute values it holds, whatever representation a response
 * will later select from them.
 */
public record Resource(String type, String id, long seq, ObjectNode attributes) {
  public Linkage linkage() {
    return new Linkage(type, id);
  }
}
