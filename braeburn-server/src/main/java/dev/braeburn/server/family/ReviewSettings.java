package dev.braeburn.server.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Store;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether Braeburn plays one of Apple's reviews by itself (Beta App Review, App Review): with
 * auto-approve on (the default) a submission still undecided {@code autoApproveAfter} after it was
 * submitted is approved on the virtual clock; off, it waits until the admin API decides. One
 * server-wide default, overridable per team with {@code X-Braeburn-Issuer}, kept in this process's
 * memory (set it again after a restart, and on each instance sharing a database). Also serves the
 * {@code GET}/{@code PATCH} admin route of the setting.
 */
public final class ReviewSettings {
  /** A year: an approval further ahead would outlive every build (90 days) and PostgreSQL's timestamps are bounded. */
  private static final long MAX_AUTO_APPROVE_HOURS = 8_760;

  public record Setting(boolean autoApprove, Duration autoApproveAfter) {}

  private final Duration reviewStartsAfter;
  private volatile Setting serverDefault;
  private final Map<String, Setting> byTeam = new ConcurrentHashMap<>();

  public ReviewSettings(Duration autoApproveAfter, Duration reviewStartsAfter) {
    this.serverDefault = new Setting(true, autoApproveAfter);
    this.reviewStartsAfter = reviewStartsAfter;
  }

  public Setting of(String teamId) {
    return byTeam.getOrDefault(teamId, serverDefault);
  }

  /** How long a submission waits before review starts. */
  public Duration reviewStartsAfter() {
    return reviewStartsAfter;
  }

  /** {@code GET} (the setting) or {@code PATCH} ({@code {"autoApprove"?, "autoApproveAfterHours"?}}) of the admin route. */
  public ApiResponse handle(ApiRequest req, AdminJson json, Store store) {
    boolean forTeam = req.header("x-braeburn-issuer") != null;
    Setting current = forTeam ? of(AdminJson.team(store, req)) : serverDefault;
    if (req.method().equals("GET")) {
      return json.json(200, describe(json, current));
    }
    Setting changed = parse(json.body(req), current);
    if (forTeam) {
      byTeam.put(AdminJson.team(store, req), changed);
    } else {
      serverDefault = changed;
    }
    return json.json(200, describe(json, changed));
  }

  private static Setting parse(JsonNode body, Setting current) {
    boolean autoApprove = current.autoApprove();
    Duration after = current.autoApproveAfter();
    if (body.has("autoApprove")) {
      if (!body.get("autoApprove").isBoolean()) {
        throw AdminJson.invalid("/autoApprove", "autoApprove must be true or false");
      }
      autoApprove = body.get("autoApprove").asBoolean();
    }
    if (body.has("autoApproveAfterHours")) {
      JsonNode hours = body.get("autoApproveAfterHours");
      // bounded: Duration.ofHours overflowed past 2^63/3600 (500, found by the fuzz suite)
      if (!hours.canConvertToExactIntegral() || !hours.canConvertToLong() || hours.asLong() < 0 || hours.asLong() > MAX_AUTO_APPROVE_HOURS) {
        throw AdminJson.invalid("/autoApproveAfterHours", "autoApproveAfterHours must be a whole number of hours from 0 to "
            + MAX_AUTO_APPROVE_HOURS + " (a year); {\"autoApprove\": false} turns auto-approval off");
      }
      after = Duration.ofHours(hours.asLong());
    }
    return new Setting(autoApprove, after);
  }

  private ObjectNode describe(AdminJson json, Setting setting) {
    return json.mapper().createObjectNode().put("autoApprove", setting.autoApprove())
        .put("autoApproveAfterHours", setting.autoApproveAfter().toHours()).put("reviewStartsAfterHours", reviewStartsAfter.toHours());
  }
}
