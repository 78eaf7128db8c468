package dev.braeburn.server.family;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.storekit.StoreKitHandlers;

/**
 * What a {@link Family} installs itself into. {@code events} is how any family announces a change
 * that webhooks report; the webhooks family provides it. {@code storeKit} takes the handlers of the
 * App Store Server API's endpoints ({@code /inApps/…}).
 */
public record FamilyContext(
    EngineServices services, HandlerRegistry handlers, Scheduler scheduler, PublicRoutes routes, WebhookEvents events,
    StoreKitHandlers storeKit) {

  /** A context whose App Store Server API handlers go nowhere (unit tests of one family). */
  public FamilyContext(EngineServices services, HandlerRegistry handlers, Scheduler scheduler, PublicRoutes routes, WebhookEvents events) {
    this(services, handlers, scheduler, routes, events, new StoreKitHandlers());
  }
}
