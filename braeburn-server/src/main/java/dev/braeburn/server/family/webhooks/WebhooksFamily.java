package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * App Store Connect webhooks (reports-webhooks.md §4): {@code webhooks} CRUD with Apple's rules,
 * events announced by the other families (and by the admin API) recorded in the caller's
 * transaction and delivered by a scheduled task, signed POSTs with retries on the virtual clock,
 * the delivery log with its filters, redeliveries and pings. Installed first: the other families
 * announce their changes through it.
 */
public final class WebhooksFamily implements Family, WebhookEvents {
  private EngineServices services;
  private WebhookOutbox outbox;
  private EventPayload payloads;
  private ManualDeliveries manual;
  private DeliveryLog log;

  @Override
  public void install(FamilyContext context) {
    services = context.services();
    outbox = new WebhookOutbox(services);
    payloads = new EventPayload(services.mapper());
    WebhookWrites writes = new WebhookWrites(outbox);
    manual = new ManualDeliveries(services, outbox, payloads);
    log = new DeliveryLog(services, outbox);
    context.handlers()
        .register("webhooks_createInstance", writes::create)
        .register("webhooks_updateInstance", writes::update)
        .register("webhooks_deleteInstance", writes::delete)
        .register("webhooks_deliveries_getToManyRelated", new DeliveryListing())
        .register("webhookDeliveries_createInstance", manual::redeliver)
        .register("webhookPings_createInstance", manual::ping);
    // a lane per webhook: a receiver that is slow or hangs delays only its own deliveries
    context.scheduler().registerInLanes(WebhookOutbox.TASK_KIND,
        new DeliveryTask(services.store(), outbox, context.receivers()),
        task -> "webhook:" + task.payload().path("webhookId").asText());
  }

  @Override
  public void emit(StoreTx tx, String appId, String eventType, ObjectNode attributes, String instanceType, String instanceId) {
    publish(tx, appId, eventType, attributes, instanceType, instanceId);
  }

  /**
   * What {@link #emit} does, answering the deliveries it queued: one event and one PENDING delivery
   * for each enabled webhook of the app subscribed to {@code eventType}, due now.
   *
   * @throws IllegalArgumentException when {@code eventType} is not a {@code WebhookEventType}
   */
  public List<Linkage> publish(StoreTx tx, String appId, String eventType, ObjectNode attributes, String instanceType, String instanceId) {
    EventType type = EventType.of(eventType)
        .orElseThrow(() -> new IllegalArgumentException("not a WebhookEventType: " + eventType));
    Instant now = services.clock().instant();
    List<Linkage> queued = new ArrayList<>();
    for (Resource webhook : subscribers(tx, appId, type)) {
      String eventId = outbox.newEventId();
      String payload = payloads.event(type, eventId, appId, attributes, instanceType, instanceId, now);
      Resource event = outbox.recordEvent(tx, eventId, type, payload, outbox.now());
      queued.add(outbox.queueDelivery(tx, webhook, event, false, 1, now).linkage());
    }
    return queued;
  }

  /** The admin API's delivery log: the team's webhooks (of one app when {@code appId} is non-null) and their deliveries. */
  public ObjectNode deliveryLog(StoreTx tx, String appId) {
    return log.read(tx, appId);
  }

  /**
   * What {@code POST /v1/webhookDeliveries} does with {@code template}: a new PENDING delivery of
   * its event, due now (wake the scheduler after the transaction). Empty when there is no such delivery.
   */
  public java.util.Optional<Linkage> redeliver(StoreTx tx, String deliveryId) {
    return tx.find(WebhookTypes.DELIVERIES, deliveryId).map(template -> manual.redeliver(tx, template).linkage());
  }

  private List<Resource> subscribers(StoreTx tx, String appId, EventType type) {
    String relation = services.model().relationship(WebhookTypes.APPS, "webhooks").storage();
    List<Linkage> linked = tx.linked(WebhookTypes.APPS, appId, relation);
    List<Resource> out = new ArrayList<>();
    for (Resource webhook : linked.isEmpty() ? List.<Resource>of() : tx.findAll(linked)) {
      if (webhook.attributes().path("enabled").asBoolean(false) && subscribes(webhook.attributes().path("eventTypes"), type)) {
        out.add(webhook);
      }
    }
    out.sort(Comparator.comparingLong(Resource::seq));
    return out;
  }

  private static boolean subscribes(JsonNode eventTypes, EventType type) {
    for (JsonNode t : eventTypes) {
      if (type.name().equals(t.asText())) {
        return true;
      }
    }
    return false;
  }
}
