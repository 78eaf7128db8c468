package dev.braeburn.server.engine;

import dev.braeburn.server.http.ApiResponse;

/**
 * The behaviour of one operation. The engine has a generic handler for every operation kind;
 * a family of real behaviour (uploads, review, TestFlight …) registers its own handler for an
 * operation ID in {@link HandlerRegistry} and the engine dispatches to it instead.
 */
@FunctionalInterface
public interface OperationHandler {
  ApiResponse handle(OperationContext ctx);
}
