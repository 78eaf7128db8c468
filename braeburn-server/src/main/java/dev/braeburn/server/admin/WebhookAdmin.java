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
 * webhook of the app subscribes to the type). Also the delivery log for the console ({@link #show}) and
 * redelivery ({@code POST /_braeburn/webhooks/deliveries/{id}/redeliver}).
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

  /** {@code GET /_braeburn/webhooks/deliveries?appId=}: the team's webhooks and their deliveries, newest first. */
  ApiResponse show(ApiRequest req, String what) {
    WebhooksFamily webhooks = family(what, "deliveries", "GET /_braeburn/webhooks/deliveries");
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    String appId = AdminApi.queryParameter(req, "appId");
    return json.json(200, store.read(issuerId, tx -> webhooks.deliveryLog(tx, appId == null || appId.isBlank() ? null : appId)));
  }

  ApiResponse act(ApiRequest req, String action) {
    String[] redeliver = action.split("/", -1);
    if (redeliver.length == 3 && redeliver[0].equals("deliveries") && redeliver[2].equals("redeliver") && !redeliver[1].isEmpty()) {
      return redeliver(req, redeliver[1]);
    }
    WebhooksFamily webhooks = family(action, "events", "POST /_braeburn/webhooks/events");
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

  /**
   * {@code POST /_braeburn/webhooks/deliveries/{id}/redeliver}: what Apple's {@code POST
   * /v1/webhookDeliveries} with relationship {@code template} does — the delivery's event again, as
   * a new delivery due now, sent by the scheduler like any other. Answers 201 with the new delivery.
   */
  private ApiResponse redeliver(ApiRequest req, String deliveryId) {
    WebhooksFamily webhooks = family("deliveries", "deliveries", "POST /_braeburn/webhooks/deliveries/{id}/redeliver");
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    Linkage queued = store.write(issuerId, tx -> webhooks.redeliver(tx, deliveryId).orElseThrow(() -> AdminJson.notFound(
        "There is no resource of type 'webhookDeliveries' with id '" + deliveryId + "'")));
    scheduler.wake();
    ObjectNode out = json.mapper().createObjectNode();
    out.putObject("data").put("type", queued.type()).put("id", queued.id()).put("template", deliveryId);
    return json.json(201, out);
  }

  private WebhooksFamily family(String given, String expected, String route) {
    if (!expected.equals(given) || !(events instanceof WebhooksFamily webhooks)) {
      throw AdminJson.notFound("'/_braeburn/webhooks/" + given + "' is not a webhook route; use " + route
          + ", GET /_braeburn/webhooks/deliveries or POST /_braeburn/webhooks/deliveries/{id}/redeliver");
    }
    return webhooks;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw AdminJson.invalid("/" + field, "'" + field + "' is required and must be a string");
    }
    return value.asText();
  }
}
