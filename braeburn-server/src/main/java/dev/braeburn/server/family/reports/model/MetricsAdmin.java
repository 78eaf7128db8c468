package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.QueryString;
import dev.braeburn.server.family.reports.simulated.SimulatedDays;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The model's admin routes:
 *
 * <ul>
 *   <li>{@code GET /_braeburn/metrics/apps} — the team's apps (id, name, bundle id) in store order,
 *       the ones a summary can be asked for (the console's Apps page lists them)
 *   <li>{@code GET /_braeburn/metrics/apps/{id}?from=YYYY-MM-DD&to=YYYY-MM-DD} — the summary of an
 *       app's Pacific days, inclusive (default: the 30 days before today on the virtual clock; at
 *       most {@value #MAX_DAYS} days), with per-territory and per-app-version breakdowns of the period
 *   <li>{@code GET / PATCH /_braeburn/metrics/apps/{id}/model} — the app's tuning, all fields
 *       with defaults filled in
 * </ul>
 *
 * The team comes from {@code X-Braeburn-Issuer} (default: the first team).
 */
final class MetricsAdmin {
  static final int MAX_DAYS = 400;
  /** Apple's reporting days are Pacific days (reports-webhooks.md §2.1). */
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final String PREFIX = "/_braeburn/metrics/apps/";

  private final EngineServices services;
  private final UsageModels model;
  private final AdminJson json;

  MetricsAdmin(EngineServices services, UsageModels model) {
    this.services = services;
    this.json = new AdminJson(services.mapper());
    this.model = model;
  }

  ApiResponse handle(ApiRequest req) {
    String path = req.path();
    if (path.equals(PREFIX.substring(0, PREFIX.length() - 1))) {
      if (!req.method().equals("GET")) {
        throw notAllowed(req);
      }
      return json.json(200, appList(req));
    }
    String[] parts = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/", -1) : new String[0];
    if (parts.length == 1 && !parts[0].isEmpty() && req.method().equals("GET")) {
      return json.json(200, summary(req, parts[0]));
    }
    if (parts.length == 2 && !parts[0].isEmpty() && parts[1].equals("model")) {
      return switch (req.method()) {
        case "GET" -> json.json(200, tuningDocument(parts[0], services.store().read(team(req), tx -> {
          requireApp(tx, parts[0]);
          return TuningStore.effective(tx, parts[0]);
        })));
        case "PATCH" -> patch(req, parts[0]);
        default -> throw notAllowed(req);
      };
    }
    if (parts.length >= 1 && parts.length <= 2 && !parts[0].isEmpty()) {
      throw notAllowed(req);
    }
    throw new ApiException(ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + path + "' is not a valid URL"));
  }

  private ApiResponse patch(ApiRequest req, String appId) {
    JsonNode body = json.requiredObject(req, "The body must be a JSON object of tuning fields");
    ModelTuning tuning = services.store().write(team(req), tx -> {
      requireApp(tx, appId);
      return model.tune(tx, appId, body);
    });
    return json.json(200, tuningDocument(appId, tuning));
  }

  private ObjectNode summary(ApiRequest req, String appId) {
    LocalDate today = LocalDate.now(services.clock().withZone(PACIFIC));
    LocalDate from = today.minusDays(30);
    LocalDate to = today.minusDays(1);
    for (Map.Entry<String, String> p : QueryString.parse(req.query())) {
      switch (p.getKey()) {
        case "from" -> from = date(p.getValue(), "from");
        case "to" -> to = date(p.getValue(), "to");
        default -> throw parameter(p.getKey(), "'" + p.getKey() + "' is not a parameter of this request; use from and to");
      }
    }
    if (to.isBefore(from)) {
      throw parameter("to", "'to' (" + to + ") is before 'from' (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw parameter("to", "a summary covers at most " + MAX_DAYS + " days; ask for " + from + " to " + from.plusDays(MAX_DAYS - 1)
          + " and go on from there");
    }
    record Read(ModelApp app, SimulatedDays simulated) {}
    Read read = services.store().read(team(req), tx -> {
      requireApp(tx, appId);
      return new Read(model.app(tx, appId).orElseThrow(), SimulatedDays.read(tx, List.of(appId)));
    });
    ModelApp app = read.app();
    ObjectNode doc = services.mapper().createObjectNode();
    ObjectNode data = doc.putObject("data");
    data.put("appId", app.appId()).put("name", app.name()).put("from", from.toString()).put("to", to.toString())
        .put("fingerprint", app.fingerprint());
    ObjectNode totals = data.putObject("totals");
    ArrayNode days = data.putArray("days");
    MetricsSummary all = new MetricsSummary();
    TerritoryBreakdown territories = new TerritoryBreakdown();
    AppVersionBreakdown versions = new AppVersionBreakdown();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      AppDay appDay = read.simulated().over(model.day(app, d)); // the simulator's Production purchases count as in the reports
      territories.add(appDay);
      versions.add(appDay);
      MetricsSummary day = MetricsSummary.of(appDay);
      all.add(day);
      ObjectNode row = days.addObject().put("date", d.toString());
      day.writeTo(row);
    }
    all.writeTo(totals);
    territories.writeTo(data.putObject("territories"));
    versions.writeTo(data.putObject("appVersions"));
    return doc;
  }

  private ObjectNode appList(ApiRequest req) {
    ObjectNode doc = services.mapper().createObjectNode();
    ArrayNode data = doc.putArray("data");
    services.store().read(team(req), tx -> {
      PageKey after = null;
      do {
        Page page = tx.list(new ListSpec("apps", null, List.of(), List.of(), after, 500));
        for (Resource app : page.items()) {
          data.addObject().put("appId", app.id()).put("name", app.attributes().path("name").asText(""))
              .put("bundleId", app.attributes().path("bundleId").asText(""));
        }
        after = page.next();
      } while (after != null);
      return null;
    });
    return doc;
  }

  private ObjectNode tuningDocument(String appId, ModelTuning tuning) {
    ObjectNode doc = services.mapper().createObjectNode();
    ObjectNode data = doc.putObject("data");
    data.put("appId", appId);
    data.setAll(TuningJson.write(tuning));
    if (!data.has("preOrderStart")) { // every field is shown; the canonical form leaves this one out when unset
      data.putNull("preOrderStart");
    }
    return doc;
  }

  private void requireApp(dev.braeburn.server.store.StoreTx tx, String appId) {
    if (tx.find("apps", appId).isEmpty()) {
      throw new ApiException(ApiError.of(404, "NOT_FOUND", "The specified resource does not exist",
          "There is no resource of type 'apps' with id '" + appId + "'"));
    }
  }

  private String team(ApiRequest req) {
    return AdminJson.team(services.store(), req);
  }


  private static LocalDate date(String value, String parameter) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw parameter(parameter, "'" + value + "' is not a date; use YYYY-MM-DD");
    }
  }

  private static ApiException parameter(String parameter, String detail) {
    return new ApiException(ApiError.of(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value", detail).parameter(parameter));
  }

  private static ApiException notAllowed(ApiRequest req) {
    return new ApiException(Errors.methodNotAllowed(req.method(), req.path()));
  }

}
