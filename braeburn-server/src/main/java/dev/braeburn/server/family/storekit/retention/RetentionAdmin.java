package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.util.Locale;

/**
 * The simulator's review desk, {@code POST /_braeburn/storekit/retention/{appId}/{images|messages}/{identifier}/{approve|reject}}
 * (team from {@code X-Braeburn-Issuer}; optional body {@code {"environment":"Sandbox"|"Production"}},
 * else the app's setting): decides a review before Braeburn's automatic approval, or rejects an
 * approved upload. Answers the row's {@code {identifier, state}}.
 */
final class RetentionAdmin {
  private static final String PREFIX = "/_braeburn/storekit/retention/";

  private final EngineServices services;
  private final AdminJson json;
  private final RetentionReview review;

  RetentionAdmin(EngineServices services, AdminJson json, RetentionReview review) {
    this.services = services;
    this.json = json;
    this.review = review;
  }

  ApiResponse handle(ApiRequest req) {
    String[] parts = req.path().startsWith(PREFIX) ? req.path().substring(PREFIX.length()).split("/") : new String[0];
    if (!req.method().equals("POST") || parts.length != 4 || !(parts[1].equals("images") || parts[1].equals("messages"))
        || !(parts[3].equals("approve") || parts[3].equals("reject"))) {
      throw new ApiException(Errors.pathError(req.path()));
    }
    String team = AdminJson.team(services.store(), req);
    JsonNode body = json.body(req);
    String type = parts[1].equals("images") ? RetentionScope.IMAGES : RetentionScope.MESSAGES;
    String identifier = parts[2].toLowerCase(Locale.ROOT);
    String state = parts[3].equals("approve") ? RetentionReview.APPROVED : RetentionReview.REJECTED;
    return json.json(200, services.store().write(team, tx -> {
      Resource app = tx.find("apps", parts[0]).orElseThrow(() -> AdminJson.notFound("team " + team + " has no app " + parts[0]));
      StoreEnvironment environment = dev.braeburn.server.family.storekit.AdminEnvironment.of(tx, app, body);
      String id = new RetentionScope(app.id(), environment).id(identifier);
      Resource row = tx.find(type, id).orElseThrow(() -> AdminJson.notFound("app " + app.id() + " has no " + parts[1].replaceAll("s$", "")
          + " " + identifier + " in " + environment.wire()));
      review.decide(tx, row, state);
      return json.mapper().createObjectNode().put("identifier", identifier).put(RetentionReview.stateOf(row), state)
          .put("environment", environment.wire());
    }));
  }
}
