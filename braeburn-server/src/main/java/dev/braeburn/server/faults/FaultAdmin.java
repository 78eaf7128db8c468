package dev.braeburn.server.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.StoredFaultRule;
import java.util.Map;

/**
 * {@code GET /_braeburn/faults} (the rules in order, with what they matched, injected and have
 * left), {@code POST /_braeburn/faults} (add one; 201 with it), {@code DELETE
 * /_braeburn/faults/{id}} and {@code DELETE /_braeburn/faults} (all).
 */
public final class FaultAdmin {
  private final FaultRules rules;
  private final AdminJson json;

  public FaultAdmin(FaultRules rules, AdminJson json) {
    this.rules = rules;
    this.json = json;
  }

  /** The admin route, keyed by its first path segment as families' admin routes are. */
  public Map<String, dev.braeburn.server.http.RequestHandler> routes() {
    return Map.of("faults", this::handle);
  }

  ApiResponse handle(ApiRequest req) {
    String rest = req.path().substring("/_braeburn/faults".length());
    String id = rest.startsWith("/") && rest.length() > 1 ? rest.substring(1) : null;
    if (!rest.isEmpty() && id == null || id != null && id.contains("/")) {
      throw AdminJson.notFound("'" + req.path() + "' is not a fault route; use /_braeburn/faults or /_braeburn/faults/{id}");
    }
    return switch (req.method() + (id == null ? "" : " {id}")) {
      case "GET" -> list();
      case "POST" -> add(req);
      case "DELETE" -> {
        rules.clear();
        yield ApiResponse.noContent(204);
      }
      case "DELETE {id}" -> {
        if (!rules.remove(id)) {
          throw AdminJson.notFound("There is no fault rule '" + id + "'");
        }
        yield ApiResponse.noContent(204);
      }
      default -> throw new ApiException(ApiError.of(405, "METHOD_NOT_ALLOWED", "The request method is not valid for the resource path.",
          "Use GET or POST on /_braeburn/faults, DELETE on /_braeburn/faults or /_braeburn/faults/{id}"));
    };
  }

  private ApiResponse list() {
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    for (StoredFaultRule row : rules.stored()) {
      data.add(describe(rules.parse(row), row));
    }
    return json.json(200, out);
  }

  private ApiResponse add(ApiRequest req) {
    FaultRule rule = FaultRuleJson.read(json.requiredObject(req, "send a fault rule as a JSON object (docs/faults.md)"));
    if (!rules.add(rule)) {
      throw new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
          "a fault rule with id '" + rule.id() + "' exists; remove it first or choose another id").pointer("/id"));
    }
    return json.json(201, describe(rule, new StoredFaultRule(rule.id(), null, 0, 0)));
  }

  private ObjectNode describe(FaultRule rule, StoredFaultRule counters) {
    ObjectNode out = FaultRuleJson.write(rule, json.mapper());
    out.put("matched", counters.matched());
    out.put("injected", counters.injected());
    if (rule.count() != null) {
      out.put("remaining", Math.max(0, rule.count() - counters.injected()));
    }
    return out;
  }
}
