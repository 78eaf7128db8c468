package dev.braeburn.server.family;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.schedule.Scheduler;

/**
 * What a {@link Family} installs itself into. {@code events} is how any family announces a change
 * that webhooks report; the webhooks family provides it.
 */
public record FamilyContext(
    EngineServices services, HandlerRegistry handlers, Scheduler scheduler, PublicRoutes routes, WebhookEvents events) {}
