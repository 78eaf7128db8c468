package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.braeburn.server.quirks.QuirkCatalogue;
import dev.braeburn.server.quirks.QuirkSettings;
import dev.braeburn.server.quirks.QuirkStore;
import dev.braeburn.server.quirks.TeamQuirks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET} / {@code PATCH /_braeburn/reports/scenarios}: a team's data-quality {@link Scenarios}
 * (team from {@code X-Braeburn-Issuer}, default the first team), kept as the older spelling of
 * {@code /_braeburn/quirks}: each field is the quirk of that name, and a PATCH switches those quirks.
 * PATCH takes any of the fields; {@code skippedDate} is a date, {@code true} (today's Pacific date:
 * the next Date to be delivered) or {@code null}/{@code false} (off); {@code inactivityDays} a whole
 * number (0: never stop). Scenarios shape instances made from then on.
 */
final class ScenarioAdmin {
  static final String PATH = "/_braeburn/reports/scenarios";
  private static final Set<String> BOOLEANS = Set.of("delayedFirstInstances", "duplicateDeliveries", "lateRevisions", "privacyThreshold", "emptyInstances");

  private final EngineServices services;
  private final AdminJson json;

  ScenarioAdmin(EngineServices services) {
    this.services = services;
    this.json = new AdminJson(services.mapper());
  }

  ApiResponse handle(ApiRequest req) {
    if (!req.path().equals(PATH) && !req.path().equals(PATH + "/")) {
      throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
    }
    String team = AdminJson.team(services.store(), req);
    Scenarios scenarios = switch (req.method()) {
      case "GET" -> services.store().read(team, ScenarioStore::of);
      case "PATCH" -> {
        JsonNode body = json.requiredObject(req, "The body must be a JSON object");
        Map<String, ObjectNode> switches = switches(body);
        yield services.store().write(team, tx -> {
          TeamQuirks quirks = QuirkStore.of(tx);
          for (Map.Entry<String, ObjectNode> change : switches.entrySet()) {
            quirks = change.getValue() == null ? quirks.without(change.getKey()) : quirks.with(change.getKey(), change.getValue());
          }
          QuirkStore.save(tx, quirks);
          return Scenarios.from(quirks);
        });
      }
      default -> throw new ApiException(ApiError.of(405, "METHOD_NOT_ALLOWED", "The method is not allowed",
          "Use GET or PATCH on " + PATH + " (or /_braeburn/quirks)"));
    };
    return json.json(200, scenarios.toJson());
  }

  /** Each field of the body as the switch of the quirk of that name: its settings, or null to switch it off. */
  private Map<String, ObjectNode> switches(JsonNode body) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      ObjectNode setting = JsonNodeFactory.instance.objectNode();
      if (BOOLEANS.contains(name)) {
        if (!value.isBoolean()) {
          throw AdminJson.invalid("/" + name, name + " must be true or false");
        }
        out.put(name, value.asBoolean() ? setting.put("enabled", true) : null);
      } else if (name.equals("inactivityDays")) {
        out.put(name, QuirkSettings.validated(QuirkCatalogue.get().named(name), setting.set("days", value)));
      } else if (name.equals("skippedDate")) {
        boolean off = value.isNull() || (value.isBoolean() && !value.asBoolean());
        JsonNode date = value.isBoolean() ? JsonNodeFactory.instance.textNode(ProcessingDays.dateOf(services.clock().instant()).toString()) : value;
        out.put(name, off ? null : QuirkSettings.validated(QuirkCatalogue.get().named(name), setting.set("date", date)));
      } else {
        throw AdminJson.invalid("/" + name, "'" + name + "' is not a scenario; the scenarios are " + String.join(", ", Scenarios.FIELDS));
      }
    }
    return out;
  }
}
