package dev.braeburn.server.storekit;

import dev.braeburn.server.http.ApiResponse;

/** Answers one App Store Server API endpoint; refuses with {@link StoreKitException}. */
@FunctionalInterface
public interface StoreKitHandler {
  ApiResponse handle(StoreKitCall call);
}
