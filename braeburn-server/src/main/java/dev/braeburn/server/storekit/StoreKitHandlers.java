package dev.braeburn.server.storekit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint name ({@code endpoints.json}) → handler, filled by the families that serve the App Store
 * Server API at start. An endpoint without a handler answers Apple's general internal error with
 * a diagnosis naming it, never silence.
 */
public final class StoreKitHandlers {
  private final Map<String, StoreKitHandler> byName = new ConcurrentHashMap<>();

  public StoreKitHandlers register(String endpoint, StoreKitHandler handler) {
    if (byName.putIfAbsent(endpoint, handler) != null) {
      throw new IllegalArgumentException("App Store Server API endpoint " + endpoint + " already has a handler");
    }
    return this;
  }

  public Optional<StoreKitHandler> get(String endpoint) {
    return Optional.ofNullable(byName.get(endpoint));
  }

  public boolean has(String endpoint) {
    return byName.containsKey(endpoint);
  }
}
