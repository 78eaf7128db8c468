package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.ClockSetting;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The virtual clock and the work scheduled on it: {@code GET /_braeburn/clock}, {@code POST
 * /_braeburn/clock/advance} {@code {"seconds"|"minutes"|"hours"|"days": n}} (runs everything that
 * comes due, in order, before it answers), {@code POST /_braeburn/clock/freeze} and {@code
 * /resume}, and {@code GET /_braeburn/tasks} (pending scheduled transitions and deliveries).
 */
final class ClockAdmin {
  /**
   * The longest single advance: ten years. Everything due inside it runs before the answer (daily
   * analytics work per request, webhook retries …), so the bound keeps one request's work finite.
   */
  static final Duration MAX_ADVANCE = Duration.ofDays(3_660);
  private static final Map<String, Long> UNITS = Map.of("seconds", 1L, "minutes", 60L, "hours", 3600L, "days", 86_400L);

  private final VirtualClock clock;
  private final Scheduler scheduler;
  private final Store store;
  private final AdminJson json;

  ClockAdmin(VirtualClock clock, Scheduler scheduler, Store store, AdminJson json) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.store = store;
    this.json = json;
  }

  ApiResponse show() {
    return json.json(200, describe());
  }

  ApiResponse act(ApiRequest req, String action) {
    switch (action) {
      case "advance" -> scheduler.advance(duration(json.body(req)));
      case "freeze" -> clock.freeze();
      case "resume" -> clock.resume();
      default -> throw AdminJson.notFound("'/_braeburn/clock/" + action + "' is not a clock action; use advance, freeze or resume");
    }
    return json.json(200, describe());
  }

  ApiResponse tasks(ApiRequest req) {
    String issuerId = AdminApi.queryParameter(req, "issuerId");
    String rawLimit = AdminApi.queryParameter(req, "limit");
    int limit;
    try {
      limit = rawLimit == null ? 100 : Integer.parseInt(rawLimit);
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1 || limit > 1000) {
      throw AdminJson.invalid("limit", "limit must be an integer from 1 to 1000");
    }
    List<ScheduledTask> tasks = store.scheduledTasks(issuerId, limit);
    ObjectNode out = json.mapper().createObjectNode();
    ArrayNode data = out.putArray("data");
    for (ScheduledTask t : tasks) {
      data.addObject().put("id", t.id()).put("issuerId", t.teamId()).put("kind", t.kind()).put("dueAt", t.dueAt().toString())
          .put("attempt", t.attempt()).set("payload", t.payload());
    }
    out.putObject("meta").put("now", clock.instant().toString());
    return json.json(200, out);
  }

  private ObjectNode describe() {
    ClockSetting setting = clock.setting();
    ObjectNode out = json.mapper().createObjectNode();
    out.put("now", clock.instant().toString());
    out.put("frozen", setting.frozen());
    out.put("wallClock", clock.wall().instant().toString());
    out.put("offsetSeconds", Duration.between(clock.wall().instant(), clock.instant()).toSeconds());
    return out;
  }

  /** One of seconds, minutes, hours, days (or several, added up): a non-negative whole number each. */
  private static Duration duration(JsonNode body) {
    long seconds = 0;
    boolean any = false;
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      Long unit = UNITS.get(field.getKey());
      if (unit == null) {
        throw AdminJson.invalid("/" + field.getKey(), "'" + field.getKey() + "' is not a unit; send {\"seconds\": n} (or minutes, hours, days)");
      }
      JsonNode value = field.getValue();
      if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
        throw AdminJson.invalid("/" + field.getKey(), "'" + field.getKey() + "' must be a whole number ≥ 0; the clock only moves forward");
      }
      if (value.asLong() > MAX_ADVANCE.toSeconds() / unit || seconds + value.asLong() * unit > MAX_ADVANCE.toSeconds()) {
        throw AdminJson.invalid("/" + field.getKey(), "One advance moves the clock at most " + MAX_ADVANCE.toDays()
            + " days (every task that comes due runs before the answer); advance in several steps");
      }
      seconds += value.asLong() * unit;
      any = true;
    }
    if (!any) {
      throw AdminJson.invalid("/seconds", "send {\"seconds\": n} (or minutes, hours, days)");
    }
    return Duration.ofSeconds(seconds);
  }
}
