package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitApps;
import java.util.UUID;

/**
 * Admin section {@code /_braeburn/storekit/notifications} (docs/server-api.md "Server Notifications
 * V2"): {@code POST} announces one notification exactly as the purchase side does
 * ({@code {"bundleId","environment"?,"notificationType","subtype"?,"transaction"?,"renewalInfo"?,
 * "status"?,"extra"?}}, decoded payloads) — for tests of a receiver; {@code GET …/{notificationUUID}}
 * shows a stored notification with its decoded payload and {@code sendAttempts}.
 */
final class NotificationsAdmin {
  private static final String PREFIX = "/_braeburn/storekit/notifications";

  private final NotificationContext ctx;
  private final NotificationRecorder recorder;
  private final NotificationTypes types;
  private final AdminJson json;

  NotificationsAdmin(NotificationContext ctx, NotificationRecorder recorder, NotificationTypes types) {
    this.ctx = ctx;
    this.recorder = recorder;
    this.types = types;
    this.json = new AdminJson(ctx.services().mapper());
  }

  ApiResponse handle(ApiRequest req) {
    String rest = req.path().substring(PREFIX.length());
    String team = AdminJson.team(ctx.services().store(), req);
    if (rest.isEmpty() && "POST".equals(req.method())) {
      return json.json(201, emit(team, json.requiredObject(req, "The body must be a JSON object naming bundleId and notificationType")));
    }
    if (rest.matches("/[0-9a-f-]{36}") && "GET".equals(req.method())) {
      String uuid = rest.substring(1);
      return json.json(200, ctx.services().store().read(team, tx -> tx.find(NotificationContext.TYPE, uuid))
          .map(NotificationsAdmin::describe)
          .orElseThrow(() -> AdminJson.notFound("There is no App Store Server Notification '" + uuid + "'")));
    }
    throw new ApiException(Errors.pathError(req.path()));
  }

  private ObjectNode emit(String team, JsonNode body) {
    String type = body.path("notificationType").asText("");
    if (!types.isType(type)) {
      throw AdminJson.invalid("/notificationType", "notificationType must be one of " + types.types() + "; got '" + type + "'");
    }
    String subtype = body.hasNonNull("subtype") ? body.get("subtype").asText() : null;
    if (subtype != null && !types.isSubtype(subtype)) {
      throw AdminJson.invalid("/subtype", "subtype '" + subtype + "' is not one of Apple's subtypes");
    }
    String bundleId = body.path("bundleId").asText("");
    return ctx.services().store().write(team, tx -> {
      Resource app = StoreKitApps.byBundleId(tx, bundleId)
          .orElseThrow(() -> AdminJson.invalid("/bundleId", "no app of the team has bundle ID '" + bundleId + "'"));
      StoreEnvironment environment = dev.braeburn.server.family.storekit.AdminEnvironment.of(tx, app, body);
      Resource stored = recorder.record(tx, new ServerNotifications.Notification(app, environment, type, subtype,
          object(body, "transaction"), object(body, "renewalInfo"), body.path("status").isInt() ? body.get("status").asInt() : null,
          object(body, "extra")), UUID.randomUUID().toString(), null);
      return describe(stored);
    });
  }

  private static ObjectNode object(JsonNode body, String field) {
    return body.path(field).isObject() ? (ObjectNode) body.get(field) : null;
  }

  private static ObjectNode describe(Resource n) {
    ObjectNode out = n.attributes().deepCopy();
    out.put("notificationUUID", n.id());
    return out;
  }
}
