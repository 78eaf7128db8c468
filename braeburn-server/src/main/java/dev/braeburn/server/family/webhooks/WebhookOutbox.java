package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox of notifications: inside the caller's transaction it records a {@code
 * webhookEvents} resource (the exact body to POST), a PENDING {@code webhookDeliveries} resource
 * listed under the webhook, and a scheduled {@value #TASK_KIND} task for it. All three commit or
 * roll back with the change that caused them: a delivery is never lost and never sent for a change
 * that did not happen.
 */
final class WebhookOutbox {
  static final String TASK_KIND = "webhook.deliver";

  private final EngineServices services;

  WebhookOutbox(EngineServices services) {
    this.services = services;
  }

  /** A new id for an event; the payload's {@code data.id} is the event resource's id. */
  String newEventId() {
    return services.ids().next(WebhookTypes.EVENTS);
  }

  /** Server time as resources carry it. */
  Instant now() {
    return services.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  Resource recordEvent(StoreTx tx, String eventId, EventType type, String payload, Instant createdAt) {
    ObjectNode attributes = services.mapper().createObjectNode();
    if (type == null) {
      attributes.putNull("eventType"); // a ping is not one of the WebhookEventType values
    } else {
      attributes.put("eventType", type.name());
    }
    attributes.put("payload", payload);
    attributes.put("ping", type == null);
    attributes.put("createdDate", createdAt.toString());
    return tx.insert(WebhookTypes.EVENTS, eventId, attributes);
  }

  /** A PENDING delivery of {@code event} to {@code webhook}, attempted at {@code dueAt}. */
  Resource queueDelivery(StoreTx tx, Resource webhook, Resource event, boolean redelivery, int attempt, Instant dueAt) {
    ObjectNode attributes = services.mapper().createObjectNode();
    attributes.put("createdDate", now().toString());
    attributes.put("deliveryState", DeliveryState.PENDING);
    attributes.put("redelivery", redelivery);
    attributes.putObject("request").set("url", webhook.attributes().path("url").isTextual()
        ? webhook.attributes().get("url") : services.mapper().nullNode());
    Resource delivery = tx.insert(WebhookTypes.DELIVERIES, services.ids().next(WebhookTypes.DELIVERIES), attributes);
    services.relations().add(tx, webhook, services.model().relationship(WebhookTypes.WEBHOOKS, "deliveries"), delivery);
    services.relations().add(tx, delivery, services.model().relationship(WebhookTypes.DELIVERIES, "event"), event);
    ObjectNode task = services.mapper().createObjectNode();
    task.put("deliveryId", delivery.id());
    task.put("webhookId", webhook.id());
    task.put("attempt", attempt);
    services.scheduler().schedule(tx, TASK_KIND, dueAt, task);
    return delivery;
  }

  /** The webhook a delivery is listed under (deliveries have no link back, so ask which webhook links to it). */
  Optional<Resource> webhookOf(StoreTx tx, String deliveryId) {
    String relation = services.model().relationship(WebhookTypes.WEBHOOKS, "deliveries").storage();
    List<Resource> found = tx.list(new ListSpec(WebhookTypes.WEBHOOKS, null,
        List.of(new Condition.LinkedTo(relation, List.of(deliveryId))), List.of(), null, 1)).items();
    return found.stream().findFirst();
  }

  Optional<Resource> eventOf(StoreTx tx, Resource delivery) {
    List<Linkage> event = tx.linked(delivery.type(), delivery.id(), services.model().relationship(WebhookTypes.DELIVERIES, "event").storage());
    return event.isEmpty() ? Optional.empty() : tx.find(event.getFirst().type(), event.getFirst().id());
  }
}
