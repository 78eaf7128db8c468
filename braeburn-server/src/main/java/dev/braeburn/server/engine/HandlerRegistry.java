package dev.braeburn.server.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Operation ID → custom handler. Operations without an entry use the generic handlers. */
public final class HandlerRegistry {
  private final Map<String, OperationHandler> handlers = new ConcurrentHashMap<>();

  public HandlerRegistry register(String operationId, OperationHandler handler) {
    handlers.put(operationId, handler);
    return this;
  }

  public OperationHandler get(String operationId) {
    return handlers.get(operationId);
  }

  public boolean isCustom(String operationId) {
    return handlers.containsKey(operationId);
  }
}
