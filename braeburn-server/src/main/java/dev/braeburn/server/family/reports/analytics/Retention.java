package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.schedule.TaskHandler;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.util.List;

/**
 * The 35-day retention (reports-webhooks.md §1.6): the instances one processing makes are deleted
 * together by one scheduled task ({@value AnalyticsTypes#EXPIRY_TASK}, payload {@code requestId}
 * and the instance ids) at the processing time {@value #DAYS} days after their processing date —
 * before that day's processing, which was scheduled later — so a report lists 35 daily instances.
 * Nothing has to search for expired instances, and a stopped or deleted request needs no daily
 * task for it (deleting a request cancels its expiries).
 */
final class Retention implements TaskHandler {
  static final int DAYS = 35;

  private final Store store;
  private final Instances instances;

  Retention(Store store, Instances instances) {
    this.store = store;
    this.instances = instances;
  }

  /** Schedules the deletion of {@code made}, instances of {@code requestId} processed on {@code processed}. */
  static void schedule(StoreTx tx, String requestId, LocalDate processed, List<Resource> made) {
    if (made.isEmpty()) {
      return;
    }
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("requestId", requestId);
    ArrayNode ids = payload.putArray("instances");
    made.forEach(instance -> ids.add(instance.id()));
    tx.schedule(AnalyticsTypes.EXPIRY_TASK, ProcessingDays.at(processed.plusDays(DAYS)), payload);
  }

  @Override
  public void run(ScheduledTask task, TaskRun run) {
    store.write(task.teamId(), tx -> {
      for (JsonNode id : task.payload().path("instances")) {
        tx.find(AnalyticsTypes.INSTANCES, id.asText()).ifPresent(instance -> instances.delete(tx, instance));
      }
      run.complete(tx);
      return null;
    });
  }
}
