package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * {@code POST} and {@code DELETE /v1/analyticsReportRequests} with Apple's rules
 * (reports-webhooks.md §1.6): at most one ONGOING (that is not stopped) and one ONE_TIME_SNAPSHOT
 * request per app, and one snapshot per {@link #SNAPSHOT_INTERVAL} counting deleted requests — all
 * refused with the same 409 {@code STATE_ERROR}. A new request links to the whole catalogue of
 * reports and schedules its first processing; deleting one removes its reports, instances and
 * segments and cancels its processing.
 */
final class RequestWrites {
  static final Duration SNAPSHOT_INTERVAL = Duration.ofDays(31);
  /** Kept on the app (no response schema has it), so the snapshot interval survives the request's deletion. */
  static final String LAST_SNAPSHOT = "analyticsSnapshotRequestedAt";
  /** Extra wait before the first instances under the delayedFirstInstances scenario. */
  static final Duration DELAYED_START = Duration.ofDays(5);

  private final Instances instances;

  RequestWrites(Instances instances) {
    this.instances = instances;
  }

  ApiResponse create(OperationContext ctx) {
    String accessType = ctx.body().attributes().path("accessType").asText();
    String appId = ctx.body().relationships().get("app").path("id").asText();
    ApiResponse response = GenericWrites.create(ctx, (tx, created) -> {
      Instant now = ctx.services().clock().instant();
      refuseDuplicate(tx, ctx, created, appId, accessType, now);
      ObjectNode attributes = created.attributes().deepCopy() // stoppedDueToInactivity starts false: type-rules.json
          .put("appId", appId)
          .put(Activity.LAST_READ, now.toString());
      tx.updateAttributes(created, attributes);
      String reports = instances.relation(AnalyticsTypes.REQUESTS, "reports");
      for (ReportCatalogue.Entry entry : ReportCatalogue.all()) {
        ObjectNode report = ctx.services().mapper().createObjectNode().put("name", entry.name()).put("category", entry.category());
        tx.link(created, reports, tx.insert(AnalyticsTypes.REPORTS, entry.id(created.id()), report));
      }
      Duration delay = ScenarioStore.of(tx).delayedFirstInstances() && accessType.equals(AnalyticsTypes.ONGOING)
          ? ProcessingDays.FIRST_DELAY.plus(DELAYED_START) : ProcessingDays.FIRST_DELAY;
      Instant first = ProcessingDays.first(now, delay);
      if (accessType.equals(AnalyticsTypes.ONGOING)) {
        OngoingProcessing.schedule(tx, created.id(), first);
      } else {
        SnapshotProcessing.schedule(tx, created.id(), first, YearMonth.from(InstancePlans.HISTORY_START));
      }
    });
    ctx.services().scheduler().wake();
    return response;
  }

  private void refuseDuplicate(StoreTx tx, OperationContext ctx, Resource created, String appId, String accessType, Instant now) {
    String relation = instances.relation(AnalyticsTypes.APPS, "analyticsReportRequests");
    List<Linkage> linked = tx.linked(AnalyticsTypes.APPS, appId, relation);
    for (Resource other : tx.findAll(linked)) {
      boolean live = !other.attributes().path("stoppedDueToInactivity").asBoolean(false);
      if (!other.id().equals(created.id()) && accessType.equals(other.attributes().path("accessType").asText()) && live) {
        throw alreadyExists();
      }
    }
    if (accessType.equals(AnalyticsTypes.ONE_TIME_SNAPSHOT)) {
      Resource app = GenericReads.existing(tx, AnalyticsTypes.APPS, appId);
      String last = app.attributes().path(LAST_SNAPSHOT).asText("");
      if (!last.isEmpty() && Instant.parse(last).plus(SNAPSHOT_INTERVAL).isAfter(now)) {
        throw alreadyExists();
      }
      tx.updateAttributes(app, app.attributes().deepCopy().put(LAST_SNAPSHOT, now.toString()));
    }
  }

  /** Apple's answer to a second request of a kind, and to a snapshot within 31 days (forum thread 759773). */
  static ApiException alreadyExists() {
    return new ApiException(ApiError.of(409, "STATE_ERROR",
        "The request cannot be fulfilled because of the state of another resource.", "You already have such an entity"));
  }

  ApiResponse delete(OperationContext ctx) {
    return ctx.services().store().write(ctx.teamId(), tx -> {
      Resource request = GenericReads.existing(tx, AnalyticsTypes.REQUESTS, ctx.id());
      instances.deleteReports(tx, request);
      for (String kind : List.of(AnalyticsTypes.ONGOING_TASK, AnalyticsTypes.SNAPSHOT_TASK, AnalyticsTypes.EXPIRY_TASK)) {
        for (ScheduledTask task : tx.scheduled(kind)) {
          if (request.id().equals(task.payload().path("requestId").asText())) {
            tx.completeTask(task.id());
          }
        }
      }
      tx.delete(request.type(), request.id());
      return ApiResponse.noContent(204);
    });
  }
}
