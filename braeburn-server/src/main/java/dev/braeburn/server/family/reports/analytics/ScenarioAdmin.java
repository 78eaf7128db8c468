package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET} / {@code PATCH /_braeburn/reports/scenarios}: a team's data-quality {@link Scenarios}
 * (team from {@code X-Braeburn-Issuer}, default the first team). PATCH takes any of the fields;
 * {@code skippedDate} is a date, {@code true} (today's Pacific date: the next Date to be
 * delivered) or {@code null}/{@code false} (off); {@code inactivityDays} a whole number (0: never
 * stop). Scenarios shape instances made from then on.
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
        yield services.store().write(team, tx -> {
          Scenarios changed = apply(ScenarioStore.of(tx).toJson(), body);
          ScenarioStore.save(tx, changed);
          return changed;
        });
      }
      default -> throw new ApiException(ApiError.of(405, "METHOD_NOT_ALLOWED", "The method is not allowed",
          "Use GET or PATCH on " + PATH));
    };
    return json.json(200, scenarios.toJson());
  }

  private Scenarios apply(ObjectNode current, JsonNode body) {
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (BOOLEANS.contains(name)) {
        if (!value.isBoolean()) {
          throw AdminJson.invalid("/" + name, name + " must be true or false");
        }
        current.put(name, value.asBoolean());
      } else if (name.equals("inactivityDays")) {
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > 36_500) {
          throw AdminJson.invalid("/inactivityDays", "inactivityDays must be a whole number of days from 0 (never stop) to 36500");
        }
        current.put(name, value.asInt());
      } else if (name.equals("skippedDate")) {
        current.put(name, skippedDate(value));
      } else {
        throw AdminJson.invalid("/" + name, "'" + name + "' is not a scenario; the scenarios are " + String.join(", ", Scenarios.FIELDS));
      }
    }
    return Scenarios.fromJson(current);
  }

  private String skippedDate(JsonNode value) {
    if (value.isNull() || (value.isBoolean() && !value.asBoolean())) {
      return null;
    }
    if (value.isBoolean()) {
      return ProcessingDays.dateOf(services.clock().instant()).toString();
    }
    try {
      return LocalDate.parse(value.asText()).toString();
    } catch (DateTimeParseException e) {
      throw AdminJson.invalid("/skippedDate", "skippedDate must be a date (YYYY-MM-DD), true (today) or null");
    }
  }



}
