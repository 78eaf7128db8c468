package dev.braeburn.server.family.release;

import dev.braeburn.server.family.ResourceTasks;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A phased release on the virtual clock (review-pipeline.md §4.6). It starts (ACTIVE, day 1,
 * {@code startDate}) when its version is released; each day a task moves {@code currentDayNumber}
 * on — days 1 to 7 reach 1, 2, 5, 10, 20, 50 and 100 % of automatic-update users — and when day 7
 * is over it is COMPLETE. PAUSED stops the days (the day in progress resumes where it stopped) and
 * counts the pause; {@code totalPauseDuration} is in whole days [INFER: the unit is undocumented].
 * After 30 days paused in total it resumes by itself [INFER: Apple allows 30 days of pauses; what
 * happens then is unrecorded, §9.11]. Every state change goes through the type rules' state machine.
 */
final class PhasedReleaseClock {
  static final String TYPE = "appStoreVersionPhasedReleases";
  static final String STATE = "phasedReleaseState";
  static final String DAY_TASK = "release.phasedRelease.nextDay";
  static final String RESUME_TASK = "release.phasedRelease.resume";
  /** The share of automatic-update users reached on days 1..7 (D-PHASED); for docs and diagnoses, no attribute shows it. */
  static final List<Integer> PERCENT_BY_DAY = List.of(1, 2, 5, 10, 20, 50, 100);
  static final Duration DAY = Duration.ofDays(1);
  static final Duration MAX_PAUSE = Duration.ofDays(30);
  /** Stored, never rendered (no response schema has them): when the current pause began, and the seconds paused before it. */
  static final String PAUSED_AT = "braeburnPausedAt";
  static final String PAUSED_SECONDS = "braeburnPausedSeconds";

  private final Release release;
  private final ResourceTasks tasks;

  PhasedReleaseClock(Release release, ResourceTasks tasks) {
    this.release = release;
    this.tasks = tasks;
  }

  void install(FamilyContext context) {
    context.scheduler().register(DAY_TASK, (task, run) -> runTask(task, run, "ACTIVE", this::nextDay))
        .register(RESUME_TASK, (task, run) -> runTask(task, run, "PAUSED", this::resume));
  }

  static String state(Resource phased) {
    return phased.attributes().path(STATE).asText("INACTIVE"); // a phased release loaded without a state has not started
  }

  /** The version was released: its INACTIVE phased release, if any, starts on day 1. */
  void start(StoreTx tx, Resource version) {
    release.graph().relatedOne(tx, version, "appStoreVersionPhasedRelease").filter(p -> state(p).equals("INACTIVE")).ifPresent(p -> {
      Resource active = move(tx, p, "ACTIVE");
      active = release.graph().update(tx, active, release.graph().object().put("startDate", release.graph().now().toString())
          .put("currentDayNumber", 1));
      scheduleNextDay(tx, active);
    });
  }

  /** A newer version of the platform was released: a phasing still running for the replaced one ends [INFER]. */
  void supersede(StoreTx tx, Resource replacedVersion) {
    release.graph().relatedOne(tx, replacedVersion, "appStoreVersionPhasedRelease")
        .filter(p -> state(p).equals("ACTIVE") || state(p).equals("PAUSED")).ifPresent(p -> complete(tx, p));
  }

  /** ACTIVE → PAUSED: the day in progress stops; the automatic resume is scheduled for when 30 days of pauses are used up. */
  Resource pause(StoreTx tx, Resource phased) {
    tasks.cancel(tx, DAY_TASK, phased.id());
    Resource paused = move(tx, phased, "PAUSED");
    Instant now = release.graph().now();
    paused = release.graph().update(tx, paused, release.graph().object().put(PAUSED_AT, now.toString()));
    tasks.ensure(tx, RESUME_TASK, paused.id(), now.plus(MAX_PAUSE).minusSeconds(pausedSeconds(paused)));
    return paused;
  }

  /** PAUSED → ACTIVE: the pause is counted and the day in progress goes on. */
  Resource resume(StoreTx tx, Resource phased) {
    tasks.cancel(tx, RESUME_TASK, phased.id());
    Resource active = move(tx, endPause(tx, phased), "ACTIVE");
    scheduleNextDay(tx, active);
    return active;
  }

  /** ACTIVE or PAUSED → COMPLETE ("Release to all users", or day 7 over): no more days. */
  Resource complete(StoreTx tx, Resource phased) {
    tasks.cancel(tx, DAY_TASK, phased.id());
    tasks.cancel(tx, RESUME_TASK, phased.id());
    return move(tx, endPause(tx, phased), "COMPLETE");
  }

  /** An ACTIVE or PAUSED phased release loaded through the admin API gets its pending day or resume (idempotent). */
  void adopt(StoreTx tx, Resource phased) {
    ObjectNode missing = release.graph().object();
    String now = release.graph().now().toString();
    switch (state(phased)) {
      case "ACTIVE" -> {
        if (!phased.attributes().hasNonNull("startDate")) {
          missing.put("startDate", now);
        }
        if (!phased.attributes().hasNonNull("currentDayNumber")) {
          missing.put("currentDayNumber", 1);
        }
        Resource active = missing.isEmpty() ? phased : release.graph().update(tx, phased, missing);
        // loaded as it stands: its currentDayNumber is today's, so the next day comes a day after the load even when
        // its startDate is further back (the demo seed's dates do not move with the clock)
        tasks.ensure(tx, DAY_TASK, active.id(), latest(nextDayDue(active), release.graph().now().plus(DAY)));
      }
      case "PAUSED" -> {
        Resource paused = phased.attributes().hasNonNull(PAUSED_AT) ? phased : release.graph().update(tx, phased, missing.put(PAUSED_AT, now));
        Instant since = VersionChecks.instant(paused.attributes().get(PAUSED_AT));
        tasks.ensure(tx, RESUME_TASK, paused.id(), (since == null ? release.graph().now() : since).plus(MAX_PAUSE).minusSeconds(pausedSeconds(paused)));
      }
      default -> { }
    }
  }

  /** The day task: the next day, or COMPLETE once day 7 is over. */
  private Resource nextDay(StoreTx tx, Resource phased) {
    int day = phased.attributes().path("currentDayNumber").asInt(1) + 1;
    if (day > PERCENT_BY_DAY.size()) {
      return complete(tx, phased);
    }
    Resource moved = release.graph().update(tx, phased, release.graph().object().put("currentDayNumber", day));
    // a day lasts a day: one adopted behind its startDate (a seed) goes on from where it stands instead of catching up at once
    tasks.ensure(tx, DAY_TASK, moved.id(), latest(nextDayDue(moved), release.graph().now().plus(DAY)));
    return moved;
  }

  /** Day {@code n} ends {@code n} days after the start, later by the time paused. */
  private void scheduleNextDay(StoreTx tx, Resource phased) {
    tasks.ensure(tx, DAY_TASK, phased.id(), nextDayDue(phased));
  }

  /** The start of the day after {@code currentDayNumber}, counted from {@code startDate} plus the time paused. */
  private Instant nextDayDue(Resource phased) {
    Instant start = VersionChecks.instant(phased.attributes().get("startDate"));
    int day = phased.attributes().path("currentDayNumber").asInt(1);
    return (start == null ? release.graph().now() : start).plus(DAY.multipliedBy(day)).plusSeconds(pausedSeconds(phased));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Adds a pause in progress to the paused time and to {@code totalPauseDuration} (whole days). */
  private Resource endPause(StoreTx tx, Resource phased) {
    Instant since = VersionChecks.instant(phased.attributes().get(PAUSED_AT));
    if (since == null) {
      return phased;
    }
    long seconds = pausedSeconds(phased) + Math.max(0, Duration.between(since, release.graph().now()).toSeconds());
    ObjectNode changes = release.graph().object().put(PAUSED_SECONDS, seconds).put("totalPauseDuration", seconds / DAY.toSeconds());
    changes.putNull(PAUSED_AT);
    return release.graph().update(tx, phased, changes);
  }

  private static long pausedSeconds(Resource phased) {
    return phased.attributes().path(PAUSED_SECONDS).asLong(0);
  }

  private Resource move(StoreTx tx, Resource phased, String to) {
    return release.services().rules().move(tx, phased, STATE, to);
  }

  private interface Step {
    Resource apply(StoreTx tx, Resource phased);
  }

  /** A task runs its step in one write transaction with its completion, if the phased release is still in {@code expected}. */
  private void runTask(ScheduledTask task, TaskRun run, String expected, Step step) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      Optional<Resource> phased = tx.find(TYPE, task.payload().path(ResourceTasks.ID).asText()).filter(p -> state(p).equals(expected));
      phased.ifPresent(p -> step.apply(tx, p));
      return null;
    });
  }
}
