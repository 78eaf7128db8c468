package dev.braeburn.server.family.release;

import dev.braeburn.server.family.ResourceTasks;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.Objects;

/**
 * Releasing approved versions (review-pipeline.md §4.5–4.6): MANUAL waits in
 * PENDING_DEVELOPER_RELEASE for a release request ({@link ReleaseRequests}), AFTER_APPROVAL goes out
 * at once, SCHEDULED waits in PENDING_APPLE_RELEASE until its {@code earliestReleaseDate} (a task due
 * then releases it; a date already past releases it at once). Releasing moves the version through
 * PROCESSING_FOR_DISTRIBUTION to READY_FOR_DISTRIBUTION in the same transaction — immediate rather
 * than after a delay because the recording shows READY_FOR_SALE in the API right after the release
 * request (§4.2; the storefront's lag has no API counterpart) — replaces the platform's live version
 * (REPLACED_WITH_NEW_VERSION) and starts the version's phased release. Every state move is
 * {@link VersionStates#move}: the webhooks and the app info rollover come from it.
 */
final class Releases {
  static final String SCHEDULED_TASK = "release.version.scheduled";
  static final String LIVE = "READY_FOR_DISTRIBUTION";
  private static final String PENDING_APPLE = "PENDING_APPLE_RELEASE";

  private final Release release;
  private final ResourceTasks tasks;
  private final PhasedReleaseClock phased;

  Releases(Release release) {
    this.release = release;
    this.tasks = new ResourceTasks(release.graph());
    this.phased = new PhasedReleaseClock(release, tasks);
  }

  void install(FamilyContext context) {
    context.scheduler().register(SCHEDULED_TASK, this::runScheduled);
    phased.install(context);
    new ReleaseRequests(release, this).install(context);
    new PhasedReleases(release, phased).install(context);
  }

  /**
   * App Review approved {@code version} (now IN_REVIEW): where it goes depends on its release type.
   * A version without one waits for the developer [INFER: the safe reading of a missing choice]; a
   * SCHEDULED one without a date goes out at once [INFER: "no earlier than" a date it does not have].
   */
  Resource approved(StoreTx tx, Resource version) {
    String releaseType = version.attributes().path(VersionChecks.RELEASE_TYPE).asText("MANUAL");
    Instant date = VersionChecks.instant(version.attributes().get(VersionChecks.EARLIEST_RELEASE_DATE));
    return switch (releaseType) {
      case "AFTER_APPROVAL" -> release(tx, version);
      case "SCHEDULED" -> {
        if (date == null || !date.isAfter(release.graph().now())) {
          yield release(tx, version);
        }
        Resource pending = release.versions().move(tx, version, PENDING_APPLE);
        tasks.ensure(tx, SCHEDULED_TASK, pending.id(), date);
        yield pending;
      }
      default -> release.versions().move(tx, version, "PENDING_DEVELOPER_RELEASE");
    };
  }

  /** Puts {@code version} on the App Store now; returns it as stored afterwards (READY_FOR_DISTRIBUTION). */
  Resource release(StoreTx tx, Resource version) {
    Resource processing = release.versions().move(tx, version, "PROCESSING_FOR_DISTRIBUTION");
    Resource live = release.versions().move(tx, processing, LIVE);
    release.graph().relatedOne(tx, live, "app").ifPresent(app -> {
      for (Resource other : release.graph().related(tx, app, "appStoreVersions")) {
        if (!other.id().equals(live.id()) && Objects.equals(VersionChecks.platform(other), VersionChecks.platform(live)) && isLive(other)) {
          release.versions().move(tx, other, "REPLACED_WITH_NEW_VERSION");
          phased.supersede(tx, other);
        }
      }
    });
    phased.start(tx, live);
    return live;
  }

  /** Live by appVersionState, or (a version stored without one) by its appStoreState. */
  private static boolean isLive(Resource version) {
    String state = VersionStates.state(version);
    return LIVE.equals(state) || (state == null && "READY_FOR_SALE".equals(version.attributes().path("appStoreState").asText(null)));
  }

  /**
   * For a resource that arrived through an admin or seed load already in flight: schedules its
   * pending work unless some is scheduled (idempotent). A PENDING_APPLE_RELEASE version with an
   * {@code earliestReleaseDate} is released then (at once if the date has passed; one without a
   * date stays held, as Apple holds one for an OS release); an ACTIVE phased release gets its next
   * day, a PAUSED one its automatic resume. Anything else has nothing pending.
   */
  void adopt(StoreTx tx, Resource resource) {
    if (resource.type().equals(VersionStates.TYPE) && PENDING_APPLE.equals(VersionStates.state(resource))) {
      Instant date = VersionChecks.instant(resource.attributes().get(VersionChecks.EARLIEST_RELEASE_DATE));
      if (date != null) {
        tasks.ensure(tx, SCHEDULED_TASK, resource.id(), date);
      }
    } else if (resource.type().equals(PhasedReleaseClock.TYPE)) {
      phased.adopt(tx, resource);
    }
  }

  /** The scheduled release of a SCHEDULED version, if it is still waiting for it. */
  private void runScheduled(ScheduledTask task, TaskRun run) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(VersionStates.TYPE, task.payload().path(ResourceTasks.ID).asText()).filter(v -> PENDING_APPLE.equals(VersionStates.state(v)))
          .ifPresent(v -> release(tx, v));
      return null;
    });
  }
}
