package dev.braeburn.server.family;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.family.webhooks.HttpPoster;
import dev.braeburn.server.journal.MemoryJournal;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.storekit.StoreKitHandlers;

/**
 * What a {@link Family} installs itself into. {@code events} is how any family announces a change
 * that webhooks report; the webhooks family provides it. {@code storeKit} takes the handlers of the
 * App Store Server API's endpoints ({@code /inApps/…}). {@code journal} and {@code diagnose} are for
 * a family that serves another Apple API on its own route (Sign in with Apple's {@code /auth/}):
 * it files each request there and sends {@code X-Braeburn-Diagnosis} unless the server runs with
 * {@code --strict-wire}. {@code receivers} POSTs to webhook and notification receivers, with the
 * trust {@code serve --trust-receivers} configured.
 */
public record FamilyContext(
    EngineServices services, HandlerRegistry handlers, Scheduler scheduler, PublicRoutes routes, WebhookEvents events,
    StoreKitHandlers storeKit, RequestJournal journal, boolean diagnose, HttpPoster receivers) {

  /** A context whose App Store Server API handlers and journal go nowhere (unit tests of one family). */
  public FamilyContext(EngineServices services, HandlerRegistry handlers, Scheduler scheduler, PublicRoutes routes, WebhookEvents events) {
    this(services, handlers, scheduler, routes, events, new StoreKitHandlers(), new MemoryJournal(16), true, new HttpPoster());
  }
}
