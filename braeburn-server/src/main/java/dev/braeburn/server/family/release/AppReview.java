package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * App Review on the virtual clock (review-pipeline.md §4.1, §4.3), played like Beta App Review: a
 * submitted review submission waits {@code reviewStartsAfter} (20 h) and goes IN_REVIEW — sooner
 * when the automatic approval is due sooner — and, with auto-approve on, is approved
 * {@code autoApproveAfter} (24 h) after it was submitted; otherwise it waits for the admin API's
 * decision. Approved: the items APPROVED, the submission COMPLETE (directly: COMPLETING is
 * unrecorded, §9.5), each version on to {@link Releases#approved}. Rejected: the items REJECTED,
 * the versions REJECTED, the submission UNRESOLVED_ISSUES until the developer resolves and
 * resubmits, removes the rejected items or cancels. The reason never reaches the public API
 * (§4.4): it is kept in an attribute no response schema has, and shown by the admin API and the
 * journal.
 */
final class AppReview {
  static final String START_TASK = "release.appReview.start";
  static final String AUTO_APPROVE_TASK = "release.appReview.autoApprove";
  /** The rejection reason: stored on the submission, in no response schema (§4.4). */
  static final String REASON = "rejectionReason";
  static final Set<String> UNDECIDED = Set.of("WAITING_FOR_REVIEW", "IN_REVIEW");

  private final Release release;
  private final ItemKinds kinds;
  private final AppPrivacy privacy;
  private final ReviewAdmin admin;

  AppReview(Release release, Releases releases, dev.braeburn.server.family.ProductReviewItems products) {
    this.release = release;
    this.privacy = new AppPrivacy(release);
    this.kinds = new ItemKinds(release).register(new VersionItem(release, releases, new Readiness(release, privacy)));
    products.relationships().forEach(name -> kinds.register(new ProductItem(name, products))); // issue 15: products ride with the version
    this.admin = new ReviewAdmin(release, this, privacy);
  }

  ItemKinds kinds() {
    return kinds;
  }

  void install(FamilyContext context) {
    context.scheduler().register(START_TASK, this::runStart).register(AUTO_APPROVE_TASK, this::runAutoApprove);
  }

  /** {@code /_braeburn/appReviews…} (docs/app-review.md). */
  ApiResponse admin(ApiRequest req, AdminJson json) {
    return admin.handle(req, json);
  }

  static String state(Resource submission) {
    return submission.attributes().path("state").asText("");
  }

  /** Schedules the review of a submission just submitted (or resubmitted). */
  void submitted(StoreTx tx, Resource submission) {
    unschedule(tx, submission);
    schedule(tx, submission, release.graph().now(), true);
  }

  /**
   * A submission loaded through the admin API (a seed, a snapshot) already WAITING_FOR_REVIEW or
   * IN_REVIEW gets its review tasks, timed from now, unless it has some: calling it again changes
   * nothing.
   */
  void adopt(StoreTx tx, Resource submission) {
    if (!UNDECIDED.contains(state(submission)) || !scheduled(tx, submission, START_TASK).isEmpty()
        || !scheduled(tx, submission, AUTO_APPROVE_TASK).isEmpty()) {
      return;
    }
    schedule(tx, submission, release.graph().now(), state(submission).equals("WAITING_FOR_REVIEW"));
  }

  private void schedule(StoreTx tx, Resource submission, Instant from, boolean start) {
    ReviewSettings.Setting setting = release.settings().of(tx.teamId());
    ObjectNode payload = release.graph().object().put("submissionId", submission.id());
    Duration startsAfter = release.settings().reviewStartsAfter();
    if (setting.autoApprove() && setting.autoApproveAfter().compareTo(startsAfter) < 0) {
      startsAfter = setting.autoApproveAfter();
    }
    if (start) {
      release.services().scheduler().schedule(tx, START_TASK, from.plus(startsAfter), payload);
    }
    if (setting.autoApprove()) {
      release.services().scheduler().schedule(tx, AUTO_APPROVE_TASK, from.plus(setting.autoApproveAfter()), payload.deepCopy());
    }
  }

  /** The pending review tasks of {@code kind} for one submission. */
  List<ScheduledTask> scheduled(StoreTx tx, Resource submission, String kind) {
    return tx.scheduled(kind).stream().filter(t -> submission.id().equals(t.payload().path("submissionId").asText())).toList();
  }

  /** Drops the submission's pending review tasks (it was decided, canceled or resubmitted). */
  void unschedule(StoreTx tx, Resource submission) {
    for (String kind : List.of(START_TASK, AUTO_APPROVE_TASK)) {
      scheduled(tx, submission, kind).forEach(t -> tx.completeTask(t.id()));
    }
  }

  private void runStart(ScheduledTask task, TaskRun run) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(Submissions.TYPE, task.payload().path("submissionId").asText()).ifPresent(s -> start(tx, s));
      return null;
    });
  }

  /** The automatic approval: only if the team still auto-approves and nobody decided meanwhile. */
  private void runAutoApprove(ScheduledTask task, TaskRun run) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      if (release.settings().of(task.teamId()).autoApprove()) {
        tx.find(Submissions.TYPE, task.payload().path("submissionId").asText()).filter(s -> UNDECIDED.contains(state(s)))
            .ifPresent(s -> decide(tx, s, true, null));
      }
      return null;
    });
  }

  /** WAITING_FOR_REVIEW → IN_REVIEW, the items' targets with it; anything else is left alone. */
  private Resource start(StoreTx tx, Resource submission) {
    if (!state(submission).equals("WAITING_FOR_REVIEW")) {
      return submission;
    }
    Resource started = release.services().rules().move(tx, submission, "state", "IN_REVIEW");
    for (ItemKinds.Item item : kinds.items(tx, submission)) {
      if (item.state().equals("READY_FOR_REVIEW")) {
        kinds.announce(tx, item, ItemKind.Event.REVIEW_STARTED);
      }
    }
    return started;
  }

  /**
   * App Review's decision on a submission waiting for or in review (the admin API's or the
   * automatic approval). One still waiting goes through IN_REVIEW first, so webhooks see the
   * sequence Apple's would. Returns the submission as stored afterwards.
   */
  Resource decide(StoreTx tx, Resource submission, boolean approved, String reason) {
    if (!UNDECIDED.contains(state(submission))) {
      throw new ApiException(List.of(ApiError.of(409, "STATE_ERROR", ReadinessErrors.STATE_TITLE,
              "The reviewSubmission '" + submission.id() + "' is " + state(submission) + " and has no review to decide.")),
          "Only a submission WAITING_FOR_REVIEW or IN_REVIEW can be decided; reviewSubmission " + submission.id() + " is "
              + state(submission) + (state(submission).equals("READY_FOR_REVIEW") ? " (not submitted yet)" : ""));
    }
    unschedule(tx, submission);
    Resource inReview = start(tx, submission);
    if (approved) {
      return complete(tx, inReview);
    }
    for (ItemKinds.Item item : kinds.items(tx, inReview)) {
      if (item.state().equals("READY_FOR_REVIEW")) {
        kinds.move(tx, item, "REJECTED", ItemKind.Event.REJECTED);
      }
    }
    Resource rejected = release.services().rules().move(tx, inReview, "state", "UNRESOLVED_ISSUES");
    return release.graph().update(tx, rejected, release.graph().object().put(REASON, reason));
  }

  /**
   * Ends a submission with what App Review accepted: every item still in it (ready or accepted)
   * APPROVED and its target approved; the submission COMPLETE. Also the end of an
   * UNRESOLVED_ISSUES submission whose rejected items were all removed (D-UNRES).
   */
  Resource complete(StoreTx tx, Resource submission) {
    for (ItemKinds.Item item : kinds.items(tx, submission)) {
      if (item.state().equals("READY_FOR_REVIEW") || item.state().equals("ACCEPTED")) {
        kinds.move(tx, item, "APPROVED", ItemKind.Event.APPROVED);
      }
    }
    return release.services().rules().move(tx, submission, "state", "COMPLETE");
  }

  /** When the pending tasks of a submission are due (null: none), for the admin API. */
  ObjectNode pending(StoreTx tx, Resource submission) {
    ObjectNode out = release.graph().object();
    out.put("reviewStartsAt", due(tx, submission, START_TASK));
    out.put("autoApproveAt", due(tx, submission, AUTO_APPROVE_TASK));
    out.put("cancelCompletesAt", due(tx, submission, Submissions.CANCELED_TASK));
    return out;
  }

  private String due(StoreTx tx, Resource submission, String kind) {
    return scheduled(tx, submission, kind).stream().findFirst().map(t -> t.dueAt().toString()).orElse(null);
  }
}
