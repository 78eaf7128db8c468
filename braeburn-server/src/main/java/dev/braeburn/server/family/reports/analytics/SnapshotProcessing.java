package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.schedule.TaskHandler;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ONE_TIME_SNAPSHOT's processing ({@value AnalyticsTypes#SNAPSHOT_TASK}), one calendar month of
 * history per task so that no transaction and no memory grows with the length of the history: the
 * first task freezes the app's model version (kept on the request; every month's task is due
 * when the first was, so they share the processing date S), makes the instances of January 2024
 * ({@link InstancePlans#snapshot}) and schedules the next month due at once, until the month of
 * S−1. Each month's instances are deleted 35 days after S ({@link Retention}).
 */
final class SnapshotProcessing implements TaskHandler {
  private static final String FINGERPRINT = "snapshotFingerprint";

  private final EngineServices services;
  private final UsageModel model;
  private final Instances instances;

  SnapshotProcessing(EngineServices services, UsageModel model, Instances instances) {
    this.services = services;
    this.model = model;
    this.instances = instances;
  }

  static void schedule(StoreTx tx, String requestId, Instant at, YearMonth month) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("requestId", requestId).put("month", month.toString());
    tx.schedule(AnalyticsTypes.SNAPSHOT_TASK, at, payload);
  }

  @Override
  public void run(ScheduledTask task, TaskRun run) {
    String requestId = task.payload().path("requestId").asText();
    YearMonth month = YearMonth.parse(task.payload().path("month").asText());
    services.store().write(task.teamId(), tx -> {
      tx.find(AnalyticsTypes.REQUESTS, requestId).ifPresent(request -> process(tx, request, month, task.dueAt()));
      run.complete(tx);
      return null;
    });
  }

  private void process(StoreTx tx, Resource request, YearMonth month, Instant dueAt) {
    Optional<ModelApp> app = frozenApp(tx, request);
    if (app.isEmpty()) {
      return;
    }
    LocalDate s = ProcessingDays.dateOf(dueAt); // every month's task is due when the first was
    Scenarios scenarios = ScenarioStore.of(tx);
    InstancePlans.Basis basis = new InstancePlans.Basis(app.get().appId(), app.get().fingerprint(), scenarios.privacyThreshold(),
        InstancePlans.ROWS_PER_SEGMENT);
    List<Resource> made = new ArrayList<>();
    for (ReportCatalogue.Entry entry : ReportCatalogue.withFiles()) {
      Optional<Resource> report = tx.find(AnalyticsTypes.REPORTS, entry.id(request.id()));
      if (report.isPresent()) {
        for (InstanceRecipe recipe : InstancePlans.snapshot(entry, s, month, basis, scenarios)) {
          made.add(instances.create(tx, request, report.get(), scenarios.emptyInstances() ? recipe.withoutRows() : recipe, app.get()));
        }
      }
    }
    Retention.schedule(tx, request.id(), s, made);
    if (month.isBefore(YearMonth.from(s.minusDays(1)))) {
      schedule(tx, request.id(), dueAt, month.plusMonths(1));
    }
  }

  /** The model version the whole snapshot is made from: frozen by its first month. */
  private Optional<ModelApp> frozenApp(StoreTx tx, Resource request) {
    String appId = request.attributes().path("appId").asText();
    String fingerprint = request.attributes().path(FINGERPRINT).asText("");
    if (!fingerprint.isEmpty()) {
      return model.version(tx, appId, fingerprint);
    }
    Optional<ModelApp> app = model.app(tx, appId);
    app.ifPresent(a -> {
      model.freeze(tx, a);
      ObjectNode attributes = request.attributes().deepCopy().put(FINGERPRINT, a.fingerprint());
      tx.updateAttributes(request, attributes);
    });
    return app;
  }
}
