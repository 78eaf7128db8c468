package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Team;
import java.io.IOException;
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

  ScenarioAdmin(EngineServices services) {
    this.services = services;
  }

  ApiResponse handle(ApiRequest req) {
    if (!req.path().equals(PATH) && !req.path().equals(PATH + "/")) {
      throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + req.path() + "' is not a valid URL"));
    }
    String team = team(req.header("x-braeburn-issuer"));
    Scenarios scenarios = switch (req.method()) {
      case "GET" -> services.store().read(team, ScenarioStore::of);
      case "PATCH" -> {
        JsonNode body = body(req);
        yield services.store().write(team, tx -> {
          Scenarios changed = apply(ScenarioStore.of(tx).toJson(), body);
          ScenarioStore.save(tx, changed);
          return changed;
        });
      }
      default -> throw new ApiException(ApiError.of(405, "METHOD_NOT_ALLOWED", "The method is not allowed",
          "Use GET or PATCH on " + PATH));
    };
    try {
      return ApiResponse.json(200, services.mapper().writeValueAsBytes(scenarios.toJson()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Scenarios apply(ObjectNode current, JsonNode body) {
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (BOOLEANS.contains(name)) {
        if (!value.isBoolean()) {
          throw invalid("/" + name, name + " must be true or false");
        }
        current.put(name, value.asBoolean());
      } else if (name.equals("inactivityDays")) {
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > 36_500) {
          throw invalid("/inactivityDays", "inactivityDays must be a whole number of days from 0 (never stop) to 36500");
        }
        current.put(name, value.asInt());
      } else if (name.equals("skippedDate")) {
        current.put(name, skippedDate(value));
      } else {
        throw invalid("/" + name, "'" + name + "' is not a scenario; the scenarios are " + String.join(", ", Scenarios.FIELDS));
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
      throw invalid("/skippedDate", "skippedDate must be a date (YYYY-MM-DD), true (today) or null");
    }
  }

  private String team(String issuer) {
    if (issuer == null) {
      return services.store().teams().stream().findFirst().map(Team::issuerId)
          .orElseThrow(() -> invalid("/issuerId", "there is no team yet; POST /_braeburn/teams first"));
    }
    return services.store().team(issuer).map(Team::issuerId).orElseThrow(() -> new ApiException(
        ApiError.of(404, "NOT_FOUND", "The specified resource does not exist", "There is no team with issuer ID '" + issuer + "'")));
  }

  private JsonNode body(ApiRequest req) {
    try {
      JsonNode node = req.hasBody() ? services.mapper().readTree(req.body()) : null;
      if (node == null || !node.isObject()) {
        throw new IOException("not an object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", "The body must be a JSON object"));
    }
  }

  private static ApiException invalid(String pointer, String detail) {
    return new ApiException(ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail).pointer(pointer));
  }
}
