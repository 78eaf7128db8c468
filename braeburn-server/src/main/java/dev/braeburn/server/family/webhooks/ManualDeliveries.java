package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;

/**
 * Deliveries a client asks for (reports-webhooks.md §4.1): {@code POST /v1/webhookDeliveries}
 * sends a delivery's event again (a new delivery with {@code redelivery: true}, to the webhook's
 * current URL and secret), {@code POST /v1/webhookPings} sends the test notification {@code
 * webhookPingCreated}. Both are due at once and run like every other delivery, retries included;
 * both are sent whether or not the webhook is enabled — the client asked for them explicitly.
 */
final class ManualDeliveries {
  private static final String TEMPLATE = "/data/relationships/template/data";

  private final EngineServices services;
  private final WebhookOutbox outbox;
  private final EventPayload payloads;

  ManualDeliveries(EngineServices services, WebhookOutbox outbox, EventPayload payloads) {
    this.services = services;
    this.outbox = outbox;
    this.payloads = payloads;
  }

  ApiResponse redeliver(OperationContext ctx) {
    ApiResponse response = ctx.services().store().write(ctx.teamId(), tx -> {
      Resource template = target(tx, ctx.body().relationships().get("template"), TEMPLATE);
      Resource delivery = redeliver(tx, template);
      return Documents.single(ctx, tx, tx.find(delivery.type(), delivery.id()).orElseThrow(), 201);
    });
    ctx.services().scheduler().wake();
    return response;
  }

  /**
   * Queues the template delivery's event again (the public POST above and the admin API's
   * {@code POST /_braeburn/webhooks/deliveries/{id}/redeliver} share it); the caller wakes the scheduler.
   */
  Resource redeliver(StoreTx tx, Resource template) {
    Resource webhook = outbox.webhookOf(tx, template.id()).orElseThrow(() -> new ApiException(Errors.relationshipInvalid(
        "The delivery '" + template.id() + "' belongs to no webhook any more", TEMPLATE)));
    Resource event = outbox.eventOf(tx, template).orElseThrow(() -> new ApiException(Errors.relationshipInvalid(
        "The delivery '" + template.id() + "' has no event to send again", TEMPLATE)));
    Resource delivery = outbox.queueDelivery(tx, webhook, event, true, 1, services.clock().instant());
    services.relations().add(tx, delivery, services.model().relationship(WebhookTypes.DELIVERIES, "template"), template);
    return delivery;
  }

  ApiResponse ping(OperationContext ctx) {
    ApiResponse response = ctx.services().store().write(ctx.teamId(), tx -> {
      Resource webhook = target(tx, ctx.body().relationships().get("webhook"), "/data/relationships/webhook/data");
      Instant now = ctx.services().clock().instant();
      String eventId = outbox.newEventId();
      Resource event = outbox.recordEvent(tx, eventId, null, payloads.ping(eventId, now), outbox.now());
      outbox.queueDelivery(tx, webhook, event, false, 1, now);
      Resource ping = tx.insert(WebhookTypes.PINGS, eventId, ctx.services().mapper().createObjectNode());
      return Documents.single(ctx, tx, ping, 201);
    });
    ctx.services().scheduler().wake();
    return response;
  }

  /** The resource a relationship of the body names, or Apple's 409 "… is not a valid ID for this relationship". */
  private static Resource target(StoreTx tx, JsonNode linkage, String pointer) {
    String type = linkage.path("type").asText();
    String id = linkage.path("id").asText();
    return tx.find(type, id).orElseThrow(() -> new ApiException(Errors.relationshipTargetMissing(type, id, pointer)));
  }
}
