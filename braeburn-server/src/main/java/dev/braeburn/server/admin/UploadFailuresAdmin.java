package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.uploads.ProcessingFailures;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Store;
import java.util.Optional;

/**
 * Injectable build-processing failures, per app (docs/uploads.md): {@code POST
 * /_braeburn/uploads/failures {"appId", "failure": "INVALID_BINARY" | "PROCESSING_FAILED" |
 * "MISSING_EXPORT_COMPLIANCE" | null}} and {@code GET /_braeburn/uploads/failures?appId=}; the team
 * is {@code X-Braeburn-Issuer} (default: the first). Builds processed afterwards fail that way.
 */
final class UploadFailuresAdmin {
  private final Store store;
  private final TeamAdmin teams;
  private final AdminJson json;

  UploadFailuresAdmin(Store store, TeamAdmin teams, AdminJson json) {
    this.store = store;
    this.teams = teams;
    this.json = json;
  }

  ApiResponse act(ApiRequest req, String action) {
    if (!"failures".equals(action)) {
      throw AdminJson.notFound("'/_braeburn/uploads/" + action + "' is not an uploads route; use /_braeburn/uploads/failures");
    }
    String issuerId = teams.resolve(req.header("x-braeburn-issuer"));
    return req.method().equals("GET") ? show(issuerId, AdminApi.queryParameter(req, "appId")) : set(issuerId, json.body(req));
  }

  private ApiResponse show(String issuerId, String appId) {
    if (appId == null) {
      throw AdminJson.invalid("appId", "give the app: ?appId=…");
    }
    Optional<ProcessingFailures.Failure> failure = store.read(issuerId, tx -> ProcessingFailures.get(tx, appId));
    if (failure == null) {
      throw AdminJson.notFound("There is no app with id '" + appId + "'");
    }
    return json.json(200, describe(appId, failure.map(Enum::name).orElse(null)));
  }

  private ApiResponse set(String issuerId, JsonNode body) {
    String appId = body.path("appId").asText(null);
    if (appId == null) {
      throw AdminJson.invalid("/appId", "appId is required");
    }
    JsonNode value = body.path("failure");
    ProcessingFailures.Failure failure = null;
    if (!value.isNull() && !value.isMissingNode()) {
      if (!value.isTextual() || !ProcessingFailures.names().contains(value.asText())) {
        throw AdminJson.invalid("/failure", "failure must be null or one of " + String.join(", ", ProcessingFailures.names()));
      }
      failure = ProcessingFailures.Failure.valueOf(value.asText());
    }
    ProcessingFailures.Failure chosen = failure;
    if (!store.write(issuerId, tx -> ProcessingFailures.set(tx, appId, chosen))) {
      throw AdminJson.notFound("There is no app with id '" + appId + "'");
    }
    return json.json(200, describe(appId, chosen == null ? null : chosen.name()));
  }

  private ObjectNode describe(String appId, String failure) {
    ObjectNode out = json.mapper().createObjectNode();
    out.put("appId", appId);
    out.put("failure", failure);
    return out;
  }
}
