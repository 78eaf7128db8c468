package dev.braeburn.server.family.storekit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitApps;

/**
 * Which environment App Store Server API requests to Braeburn's own address reach (requests to
 * Apple's host names are in that host's environment):
 * <ul>
 *   <li>{@code GET|PATCH /_braeburn/storekit/apps} {@code {"environment": "Sandbox"|"Production"|null}}: the team's default;
 *   <li>{@code GET|PATCH /_braeburn/storekit/apps/{appId}} {@code {"environment": …|null}}: one app's own setting (null: follow
 *       the team), with whether the app counts as released (the production host's 401 for an unreleased app follows it).
 * </ul>
 * Neither set: Sandbox.
 */
final class AppSettingsAdmin {
  private final EngineServices services;
  private final AdminJson json;

  AppSettingsAdmin(EngineServices services, AdminJson json) {
    this.services = services;
    this.json = json;
  }

  ApiResponse handle(ApiRequest req) {
    String[] segments = req.path().substring(StoreKitFamily.ADMIN_PREFIX.length()).split("/", -1);
    if (segments.length > 2 || (segments.length == 2 && segments[1].isEmpty())) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String team = AdminJson.team(services.store(), req);
    String appId = segments.length == 2 ? segments[1] : null;
    return switch (req.method()) {
      case "GET" -> json.json(200, services.store().read(team, tx -> appId == null ? describeTeam(tx) : describe(tx, app(tx, appId))));
      case "PATCH" -> {
        StoreEnvironment environment = requested(json.body(req));
        yield json.json(200, services.store().write(team, tx -> {
          if (appId == null) {
            tx.delete(StoreKitApps.TEAM_SETTINGS, StoreKitApps.TEAM_SETTINGS_ID);
            if (environment != null) {
              tx.insert(StoreKitApps.TEAM_SETTINGS, StoreKitApps.TEAM_SETTINGS_ID,
                  services.mapper().createObjectNode().put("environment", environment.wire()));
            }
            return describeTeam(tx);
          }
          Resource app = app(tx, appId);
          ObjectNode attributes = app.attributes().deepCopy();
          if (environment == null) {
            attributes.remove(StoreEnvironment.APP_ATTRIBUTE);
          } else {
            attributes.put(StoreEnvironment.APP_ATTRIBUTE, environment.wire());
          }
          tx.updateAttributes(app, attributes);
          return describe(tx, tx.find("apps", appId).orElseThrow());
        }));
      }
      default -> throw new ApiException(Errors.pathError(req.path()));
    };
  }

  /** The body's environment; null clears the setting (the app then follows the team, the team Sandbox). */
  private static StoreEnvironment requested(com.fasterxml.jackson.databind.JsonNode body) {
    if (!body.has("environment")) {
      throw AdminJson.invalid("/environment", "nothing to change; send {\"environment\": \"Sandbox\"|\"Production\"|null}");
    }
    if (body.get("environment").isNull()) {
      return null;
    }
    String value = body.get("environment").asText("");
    return StoreEnvironment.parse(value).orElseThrow(() -> AdminJson.invalid("/environment",
        "environment must be Sandbox, Production or null; got '" + value + "'"));
  }

  private ObjectNode describeTeam(StoreTx tx) {
    ObjectNode out = services.mapper().createObjectNode();
    out.put("environment", StoreKitApps.teamEnvironment(tx).orElse(StoreEnvironment.SANDBOX).wire())
        .put("source", StoreKitApps.teamEnvironment(tx).isPresent() ? "team" : "default");
    return out;
  }

  private static Resource app(StoreTx tx, String id) {
    return tx.find("apps", id).orElseThrow(() -> AdminJson.notFound("There is no app with id '" + id + "'"));
  }

  private ObjectNode describe(StoreTx tx, Resource app) {
    ObjectNode out = services.mapper().createObjectNode();
    out.put("appId", app.id()).put("bundleId", app.attributes().path("bundleId").asText(null))
        .put("environment", StoreKitApps.environment(tx, app).wire())
        .put("source", StoreKitApps.ownEnvironment(app).isPresent() ? "app" : StoreKitApps.teamEnvironment(tx).isPresent() ? "team" : "default")
        .put("released", StoreKitApps.everReleased(tx, app));
    return out;
  }
}
