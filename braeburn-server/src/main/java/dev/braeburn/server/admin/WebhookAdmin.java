package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.family.webhooks.EventType;
import dev.braeburn.server.family.webhooks.WebhooksFamily;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Store;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /_braeburn/webhooks/events} (header {@code X-Braeburn-Issuer}: the team) with {@code
 * {"appId", "eventType", "attributes"?, "instance"?: {"type", "id"}}}: announces an event of any of
 * the twelve {@code WebhookEventType}s as if the change had happened, so receivers can be tested for
 * events Braeburn does not generate yet. Without {@code instance}, the event points at a fresh id of
 * the type Apple documents for it. Answers 201 with the deliveries queued (none when no enabled
 * webhook of the app subscribes to the type).
 */
final class WebhookAdmin {
  private final Store store;
  private final TeamAdmin teams;
  private final AdminJson json;
  private final WebhookEvents events;
  private final Scheduler scheduler;

  WebhookAdmin(Store store, TeamAdmin teams, AdminJson json, WebhookEvents events, Scheduler scheduler) {
    this.store = store;
    this.teams = teams;
    this.json = json;
    this.events = events;
    this.scheduler = scheduler;
  }

  ApiResponse act(ApiRequest req, String action) {
    if (!"events".equals(action) || !(events instanceof WebhooksFamily webhooks)) {
      throw AdminJson.notFound("'/_braeburn/webhooks/" + action + "' is not a webhook action; use POST /_braeburn/webhooks/events");
    }
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    JsonNode body = json.body(req);
    String appId = text(body, "appId");
    String eventType = text(body, "eventType");
    EventType type = EventType.of(eventType).orElseThrow(() -> AdminJson.invalid("/eventType",
        "'" + eventType + "' is not a webhook event type. Expected one of: " + String.join(", ", EventType.names())));
    JsonNode attributes = body.path("attributes");
    if (!attributes.isMissingNode() && !attributes.isNull() && !attributes.isObject()) {
      throw AdminJson.invalid("/attributes", "'attributes' must be an object (the event's attributes without timestamp)");
    }
    JsonNode instance = body.path("instance");
    String instanceType = instance.isObject() ? text(instance, "type") : type.instanceType();
    String instanceId = instance.isObject() ? text(instance, "id") : instanceType == null ? null : UUID.randomUUID().toString();
    List<Linkage> queued = store.write(issuerId, tx -> {
      if (tx.find("apps", appId).isEmpty()) {
        throw AdminJson.notFound("There is no resource of type 'apps' with id '" + appId + "'");
      }
      return webhooks.publish(tx, appId, type.name(), attributes.isObject() ? (ObjectNode) attributes : null, instanceType, instanceId);
    });
    scheduler.wake();
    ObjectNode out = json.mapper().createObjectNode();
    ObjectNode data = out.putObject("data");
    data.put("appId", appId).put("eventType", type.name());
    ArrayNode deliveries = data.putArray("deliveries");
    queued.forEach(d -> deliveries.addObject().put("type", d.type()).put("id", d.id()));
    return json.json(201, out);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw AdminJson.invalid("/" + field, "'" + field + "' is required and must be a string");
    }
    return value.asText();
  }
}
