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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily processing of one ONGOING request ({@value AnalyticsTypes#ONGOING_TASK}): in one team
 * write transaction that also completes the task, it makes the day's instances of every report
 * with files ({@link InstancePlans#ongoing}), schedules their deletion 35 days later ({@link
 * Retention}) and schedules the next day. A request nobody read for the team's inactivity period
 * ({@link Activity}) stops: it turns {@code stoppedDueToInactivity} and its processing ends (its
 * instances still expire). A deleted request's task ends at once.
 */
final class OngoingProcessing implements TaskHandler {
  private final EngineServices services;
  private final UsageModel model;
  private final Instances instances;

  OngoingProcessing(EngineServices services, UsageModel model, Instances instances) {
    this.services = services;
    this.model = model;
    this.instances = instances;
  }

  /** Schedules a request's processing at {@code at}. */
  static void schedule(StoreTx tx, String requestId, Instant at) {
    tx.schedule(AnalyticsTypes.ONGOING_TASK, at, JsonNodeFactory.instance.objectNode().put("requestId", requestId));
  }

  @Override
  public void run(ScheduledTask task, TaskRun run) {
    String requestId = task.payload().path("requestId").asText();
    LocalDate day = ProcessingDays.dateOf(task.dueAt());
    services.store().write(task.teamId(), tx -> {
      Optional<Resource> request = tx.find(AnalyticsTypes.REQUESTS, requestId);
      if (request.isPresent() && process(tx, request.get(), day)) {
        schedule(tx, requestId, ProcessingDays.at(day.plusDays(1)));
      }
      run.complete(tx);
      return null;
    });
  }

  /** One day's processing; answers whether the request goes on. */
  private boolean process(StoreTx tx, Resource request, LocalDate day) {
    if (request.attributes().path("stoppedDueToInactivity").asBoolean(false)) {
      return false;
    }
    Scenarios scenarios = ScenarioStore.of(tx);
    if (Activity.inactive(request, services.clock().instant(), scenarios.inactivityDays())) {
      tx.updateAttributes(request, request.attributes().deepCopy().put("stoppedDueToInactivity", true));
      return false;
    }
    Optional<ModelApp> app = model.app(tx, request.attributes().path("appId").asText());
    if (app.isEmpty()) {
      return false; // the app is gone
    }
    model.freeze(tx, app.get());
    Retention.schedule(tx, request.id(), day, makeInstances(tx, request, app.get(), day, scenarios));
    return true;
  }

  private List<Resource> makeInstances(StoreTx tx, Resource request, ModelApp app, LocalDate day, Scenarios scenarios) {
    InstancePlans.Basis basis = new InstancePlans.Basis(app.appId(), app.fingerprint(), scenarios.privacyThreshold(),
        InstancePlans.ROWS_PER_SEGMENT);
    boolean duplicateDay = scenarios.duplicateDeliveries() && day.toEpochDay() % 2 == 0;
    List<Resource> made = new ArrayList<>();
    for (ReportCatalogue.Entry entry : ReportCatalogue.withFiles()) {
      Resource report = tx.find(AnalyticsTypes.REPORTS, entry.id(request.id())).orElse(null);
      if (report == null) {
        continue;
      }
      Optional<Resource> previous = duplicateDay ? lastDaily(tx, report) : Optional.empty();
      for (InstanceRecipe recipe : InstancePlans.ongoing(entry, day, basis, scenarios)) {
        if (recipe.granularity() == Granularity.DAILY && previous.isPresent()) {
          made.add(instances.duplicate(tx, request, report, previous.get(), day));
        } else if (!recipe.slices().isEmpty()) {
          made.add(instances.create(tx, request, report, scenarios.emptyInstances() ? recipe.withoutRows() : recipe, app));
        }
      }
    }
    return made;
  }

  private Optional<Resource> lastDaily(StoreTx tx, Resource report) {
    List<Resource> all = instances.of(tx, report);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (Granularity.DAILY.name().equals(all.get(i).attributes().path("granularity").asText())) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }
}
