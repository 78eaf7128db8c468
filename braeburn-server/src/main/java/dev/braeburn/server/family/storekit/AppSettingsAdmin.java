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
 * {@code GET|PATCH /_braeburn/storekit/apps/{appId}} {@code {"environment": "Sandbox"|"Production"}}:
 * which environment App Store Server API requests to Braeburn's own address reach for this app
 * (requests to Apple's host names are in that host's environment), and whether the app counts as
 * released (the production host's 401 for an unreleased app follows it).
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
    if (segments.length != 2 || segments[1].isEmpty()) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String team = AdminJson.team(services.store(), req);
    String appId = segments[1];
    return switch (req.method()) {
      case "GET" -> json.json(200, services.store().read(team, tx -> describe(tx, app(tx, appId))));
      case "PATCH" -> {
        String value = json.body(req).path("environment").asText("");
        StoreEnvironment environment = StoreEnvironment.parse(value).orElseThrow(() -> AdminJson.invalid("/environment",
            "environment must be Sandbox or Production; got '" + value + "'"));
        yield json.json(200, services.store().write(team, tx -> {
          Resource app = app(tx, appId);
          ObjectNode attributes = app.attributes().deepCopy().put(StoreEnvironment.APP_ATTRIBUTE, environment.wire());
          tx.updateAttributes(app, attributes);
          return describe(tx, tx.find("apps", appId).orElseThrow());
        }));
      }
      default -> throw new ApiException(Errors.pathError(req.path()));
    };
  }

  private static Resource app(StoreTx tx, String id) {
    return tx.find("apps", id).orElseThrow(() -> AdminJson.notFound("There is no app with id '" + id + "'"));
  }

  private ObjectNode describe(StoreTx tx, Resource app) {
    ObjectNode out = services.mapper().createObjectNode();
    out.put("appId", app.id()).put("bundleId", app.attributes().path("bundleId").asText(null))
        .put("environment", StoreKitApps.environment(app).wire()).put("released", StoreKitApps.everReleased(tx, app));
    return out;
  }
}
