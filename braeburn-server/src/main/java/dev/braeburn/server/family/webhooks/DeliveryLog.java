package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Comparator;
import java.util.List;

/**
 * The admin API's view of a team's webhooks ({@code GET /_braeburn/webhooks/deliveries}): each
 * webhook (app, name, URL, enabled, event types; never the secret) with every delivery newest
 * first, its event type, state, the receiver's answer and the exact payload POSTed. The public
 * {@code GET /v1/webhooks/{id}/deliveries} needs an {@code include=event} per webhook for the
 * same; the console wants it in one call.
 */
final class DeliveryLog {
  /** Apple keeps ten webhooks per app; a team's log is read whole, but a runaway one is cut here. */
  private static final int MAX_WEBHOOKS = 10_000;

  private final EngineServices services;
  private final WebhookOutbox outbox;

  DeliveryLog(EngineServices services, WebhookOutbox outbox) {
    this.services = services;
    this.outbox = outbox;
  }

  /** The team's webhooks (only {@code appId}'s when non-null), oldest first, with their deliveries newest first. */
  ObjectNode read(StoreTx tx, String appId) {
    List<Resource> webhooks = appId == null
        ? tx.list(new ListSpec(WebhookTypes.WEBHOOKS, null, List.of(), List.of(), null, MAX_WEBHOOKS)).items()
        : linked(tx, WebhookTypes.APPS, appId, services.model().relationship(WebhookTypes.APPS, "webhooks").storage());
    ObjectNode doc = services.mapper().createObjectNode();
    ArrayNode data = doc.putArray("data");
    webhooks.stream().sorted(Comparator.comparingLong(Resource::seq)).forEach(w -> data.add(webhook(tx, w)));
    return doc;
  }

  private ObjectNode webhook(StoreTx tx, Resource webhook) {
    JsonNode a = webhook.attributes();
    ObjectNode out = services.mapper().createObjectNode().put("id", webhook.id());
    List<Resource> app = linked(tx, webhook.type(), webhook.id(), services.model().relationship(WebhookTypes.WEBHOOKS, "app").storage());
    out.put("appId", app.isEmpty() ? null : app.getFirst().id());
    out.put("name", a.path("name").asText(null)).put("url", a.path("url").asText(null)).put("enabled", a.path("enabled").asBoolean(false));
    out.set("eventTypes", a.path("eventTypes").isArray() ? a.get("eventTypes").deepCopy() : services.mapper().createArrayNode());
    ArrayNode deliveries = out.putArray("deliveries");
    linked(tx, webhook.type(), webhook.id(), services.model().relationship(WebhookTypes.WEBHOOKS, "deliveries").storage()).stream()
        .sorted(Comparator.comparingLong(Resource::seq).reversed())
        .forEach(d -> deliveries.add(delivery(tx, d)));
    return out;
  }

  private ObjectNode delivery(StoreTx tx, Resource delivery) {
    JsonNode a = delivery.attributes();
    ObjectNode out = services.mapper().createObjectNode().put("id", delivery.id())
        .put("createdDate", a.path("createdDate").asText(null)).put("sentDate", a.path("sentDate").asText(null))
        .put("deliveryState", a.path("deliveryState").asText(null)).put("redelivery", a.path("redelivery").asBoolean(false));
    out.set("response", a.path("response").isObject() ? a.get("response").deepCopy() : services.mapper().nullNode());
    out.put("errorMessage", a.path("errorMessage").asText(null));
    outbox.eventOf(tx, delivery).ifPresentOrElse(event -> {
      boolean ping = event.attributes().path("ping").asBoolean(false);
      out.put("eventType", ping ? "PING" : event.attributes().path("eventType").asText(null));
      out.put("payload", event.attributes().path("payload").asText(null));
    }, () -> out.putNull("eventType").putNull("payload"));
    return out;
  }

  private static List<Resource> linked(StoreTx tx, String type, String id, String relation) {
    List<Linkage> links = tx.linked(type, id, relation);
    return links.isEmpty() ? List.of() : tx.findAll(links);
  }
}
