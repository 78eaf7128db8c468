package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.Finding;
import dev.braeburn.server.auth.TokenReport;
import dev.braeburn.server.auth.TokenVerifier;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.journal.RequestJournal;

/**
 * {@code GET /_braeburn/requests} (newest first; filters {@code status}, {@code keyId}, {@code
 * issuerId}, {@code limit}), {@code DELETE /_braeburn/requests}, and {@code POST
 * /_braeburn/tokens/explain} — the side channel that says why a request or a token was refused.
 */
final class JournalAdmin {
  private final RequestJournal journal;
  private final TokenVerifier tokens;
  private final AdminJson json;

  JournalAdmin(RequestJournal journal, TokenVerifier tokens, AdminJson json) {
    this.journal = journal;
    this.tokens = tokens;
    this.json = json;
  }

  ApiResponse list(ApiRequest req) {
    RequestJournal.Filter filter = new RequestJournal.Filter(status(req), AdminApi.queryParameter(req, "keyId"),
        AdminApi.queryParameter(req, "issuerId"), limit(req));
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    journal.recent(filter).forEach(e -> data.add(describe(e)));
    out.putObject("meta").put("capacity", journal.capacity());
    return json.json(200, out);
  }

  /**
   * A family's admin action that explains itself in {@code X-Braeburn-Diagnosis} (App Review's
   * decision and its reason, which Apple's public API never shows) goes to the journal like a
   * public request's diagnosis; the header itself is made header-safe (one line, ASCII) here.
   */
  ApiResponse noteDiagnosis(ApiRequest req, ApiResponse response, String issuerId, java.time.Instant now) {
    String diagnosis = response.headers().get(dev.braeburn.server.engine.Engine.DIAGNOSIS_HEADER);
    if (diagnosis != null) {
      journal.record(new RequestJournal.Entry(java.util.UUID.randomUUID().toString(), now, req.method(), req.path(), req.query(),
          response.status(), issuerId, null, null, diagnosis, 0));
      response.withHeader(dev.braeburn.server.engine.Engine.DIAGNOSIS_HEADER,
          diagnosis.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?"));
    }
    return response;
  }

  ApiResponse clear() {
    journal.clear();
    return ApiResponse.noContent(204);
  }

  ApiResponse explain(ApiRequest req) {
    JsonNode token = json.body(req).get("token");
    if (token == null || !token.isTextual()) {
      throw AdminJson.invalid("/token", "send {\"token\": \"<JWT>\"}");
    }
    TokenReport report = tokens.explain(token.textValue());
    ObjectNode out = json.mapper().createObjectNode();
    out.put("accepted", report.accepted());
    ArrayNode checks = out.putArray("checks");
    for (Finding f : report.findings()) {
      checks.addObject().put("check", f.check()).put("outcome", f.outcome().name()).put("detail", f.detail());
    }
    report.firstFailure().ifPresent(f -> out.put("reason", f.detail()));
    out.put("explanation", report.explain());
    return json.json(200, out);
  }

  private ObjectNode describe(RequestJournal.Entry e) {
    ObjectNode node = json.mapper().createObjectNode();
    node.put("requestId", e.requestId());
    node.put("time", e.time().toString());
    node.put("method", e.method());
    node.put("path", e.path());
    node.put("query", e.query());
    node.put("status", e.status());
    node.put("issuerId", e.issuerId());
    node.put("keyId", e.keyId());
    node.put("errorCode", e.errorCode());
    node.put("diagnosis", e.diagnosis());
    node.put("durationMicros", e.durationMicros());
    if (e.fault() != null) {
      node.put("fault", e.fault()); // "f1 latency 250 ms": the rule that changed this answer (docs/faults.md)
    }
    return node;
  }

  private static Integer status(ApiRequest req) {
    String raw = AdminApi.queryParameter(req, "status");
    try {
      return raw == null ? null : Integer.valueOf(raw);
    } catch (NumberFormatException e) {
      throw AdminJson.invalid("status", "status must be an HTTP status code such as 401");
    }
  }

  private int limit(ApiRequest req) {
    String raw = AdminApi.queryParameter(req, "limit");
    try {
      int limit = raw == null ? 100 : Integer.parseInt(raw);
      if (limit < 1) {
        throw new NumberFormatException();
      }
      return Math.min(limit, journal.capacity());
    } catch (NumberFormatException e) {
      throw AdminJson.invalid("limit", "limit must be a positive integer");
    }
  }
}
