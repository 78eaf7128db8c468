package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TestFlight's Beta App Review (protocol.md §7.2): {@code POST /v1/betaAppReviewSubmissions}
 * puts a build in WAITING_FOR_BETA_REVIEW; a scheduled task starts the review an hour later
 * (IN_BETA_REVIEW); a decision — the admin API's, or the auto-approval the settings schedule —
 * ends it in BETA_APPROVED (IN_BETA_TESTING at once if an external group already has the build)
 * or BETA_REJECTED. Submission ids are the build's id, as clients reading {@code
 * /v1/betaAppReviewSubmissions/<buildId>} expect (§7.2).
 */
final class BetaReview {
  static final String TYPE = "betaAppReviewSubmissions";
  static final String START_TASK = "testflight.betaReview.start";
  static final String AUTO_DECIDE_TASK = "testflight.betaReview.autoApprove";

  private static final Set<String> SUBMITTABLE = Set.of("READY_FOR_BETA_SUBMISSION", "BETA_REJECTED");
  private static final Set<String> IN_REVIEW = Set.of("WAITING_FOR_BETA_REVIEW", "IN_BETA_REVIEW");
  private static final Set<String> IN_TESTING = Set.of("BETA_APPROVED", "IN_BETA_TESTING");
  private static final List<String> CONTACT = List.of("contactFirstName", "contactLastName", "contactPhone", "contactEmail");

  private final TestFlight tf;
  private final BetaDetails details;
  private final BuildExpiry expiry;

  BetaReview(TestFlight tf, BetaDetails details, BuildExpiry expiry) {
    this.tf = tf;
    this.details = details;
    this.expiry = expiry;
  }

  /** {@code POST /v1/betaAppReviewSubmissions}. */
  ApiResponse submit(OperationContext ctx) {
    JsonNode linkage = ctx.body().relationships().get("build");
    String buildId = linkage.path("id").asText();
    return tf.services().store().write(ctx.teamId(), tx -> {
      Resource build = tx.find("builds", buildId)
          .orElseThrow(() -> new ApiException(Errors.relationshipTargetMissing("builds", buildId, "/data/relationships/build/data")));
      expiry.sync(tx, build);
      checkEligible(tx, build);
      checkNoOtherBuildInReview(tx, build);
      checkReviewDetails(tx, build);
      Instant now = tf.now();
      ObjectNode attributes = tf.object().put("betaReviewState", "WAITING_FOR_REVIEW").put("submittedDate", now.toString());
      Resource submission = tx.find(TYPE, build.id()).map(previous -> tf.update(tx, previous, attributes))
          .orElseGet(() -> tx.insert(TYPE, build.id(), attributes));
      tf.link(tx, submission, "build", build);
      details.setExternal(tx, build, "WAITING_FOR_BETA_REVIEW");
      expiry.watch(tx, build);
      ObjectNode payload = tf.object().put("submissionId", submission.id());
      tf.services().scheduler().schedule(tx, START_TASK, now.plus(tf.settings().reviewStartsAfter()), payload);
      ReviewSettings.Setting setting = tf.settings().of(ctx.teamId());
      if (setting.autoApprove()) {
        tf.services().scheduler().schedule(tx, AUTO_DECIDE_TASK, now.plus(setting.autoApproveAfter()), payload.deepCopy());
      }
      String location = ctx.request().baseUrl() + "/v1/" + TYPE + "/" + submission.id();
      return Documents.single(ctx, tx, tx.find(TYPE, submission.id()).orElseThrow(), 201).withHeader("Location", location);
    });
  }

  private void checkEligible(StoreTx tx, Resource build) {
    String external = details.find(tx, build).map(d -> d.attributes().path(BetaDetails.EXTERNAL).asText(null)).orElse(null);
    String reason = null;
    if (!Builds.valid(build)) {
      reason = "The build " + Builds.describe(build) + " has not been processed successfully and cannot be submitted for beta review.";
    } else if (Builds.expired(build)) {
      reason = "The build " + Builds.describe(build) + " has expired and cannot be submitted for beta review.";
    } else if (external != null && IN_REVIEW.contains(external)) {
      reason = "The build " + Builds.describe(build) + " has already been submitted for beta review.";
    } else if (external != null && IN_TESTING.contains(external)) {
      reason = "The build " + Builds.describe(build) + " is already in beta testing.";
    } else if (!SUBMITTABLE.contains(String.valueOf(external))) {
      reason = "The build " + Builds.describe(build) + " is not ready for beta review (external build state " + external + ").";
    }
    if (reason != null) {
      throw new ApiException(TestFlightErrors.buildNotEligible(reason));
    }
  }

  /** One build per version (pre-release version; per app when a build has none) in beta review at a time. */
  private void checkNoOtherBuildInReview(StoreTx tx, Resource build) {
    List<Resource> siblings = tf.relatedOne(tx, build, "preReleaseVersion").map(v -> tf.related(tx, v, "builds"))
        .orElseGet(() -> Builds.app(tf, tx, build).map(a -> tf.related(tx, a, "builds")).orElse(List.of()));
    for (Resource other : siblings) {
      if (other.id().equals(build.id())) {
        continue;
      }
      String state = details.find(tx, other).map(d -> d.attributes().path(BetaDetails.EXTERNAL).asText("")).orElse("");
      if (IN_REVIEW.contains(state)) {
        throw new ApiException(TestFlightErrors.anotherBuildInReview(
            "Another build of this version, " + Builds.describe(other) + ", is already " + (state.equals("IN_BETA_REVIEW") ? "in" : "waiting for")
                + " beta review."));
      }
    }
  }

  /** Beta App Review needs someone to contact (the app's betaAppReviewDetail) and, if it says so, a demo account. */
  private void checkReviewDetails(StoreTx tx, Resource build) {
    Resource detail = Builds.app(tf, tx, build).flatMap(app -> tf.relatedOne(tx, app, "betaAppReviewDetail")).orElse(null);
    if (detail == null) {
      throw new ApiException(TestFlightErrors.reviewDetailsMissing(
          "The app has no Beta App Review Information (betaAppReviewDetails); set its contact details before submitting."));
    }
    List<String> missing = new ArrayList<>();
    for (String field : CONTACT) {
      if (detail.attributes().path(field).asText("").isBlank()) {
        missing.add(field);
      }
    }
    if (detail.attributes().path("demoAccountRequired").asBoolean(false)) {
      for (String field : List.of("demoAccountName", "demoAccountPassword")) {
        if (detail.attributes().path(field).asText("").isBlank()) {
          missing.add(field);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new ApiException(TestFlightErrors.reviewDetailsMissing(
          "Beta App Review Information is missing " + String.join(", ", missing) + " (betaAppReviewDetails '" + detail.id() + "')."));
    }
  }

  /** The scheduled start of the review: WAITING_FOR_REVIEW → IN_REVIEW, the build IN_BETA_REVIEW. */
  void runStart(ScheduledTask task, TaskRun run) {
    tf.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(TYPE, task.payload().path("submissionId").asText()).ifPresent(s -> start(tx, s));
      return null;
    });
  }

  /** The scheduled auto-approval: only if the team still auto-approves and nobody decided meanwhile. */
  void runAutoApprove(ScheduledTask task, TaskRun run) {
    tf.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      if (tf.settings().of(task.teamId()).autoApprove()) {
        tx.find(TYPE, task.payload().path("submissionId").asText()).filter(BetaReview::undecided)
            .filter(s -> tf.relatedOne(tx, s, "build").filter(Builds::expired).isEmpty()).ifPresent(s -> decide(tx, s, true));
      }
      return null;
    });
  }

  /**
   * Drops the submission's pending start and auto-approval: once decided they mean nothing, and a
   * resubmission (same id, the build's) must not be approved by the previous submission's task.
   */
  private static void unschedule(StoreTx tx, Resource submission) {
    for (String kind : List.of(START_TASK, AUTO_DECIDE_TASK)) {
      tx.scheduled(kind).stream().filter(t -> submission.id().equals(t.payload().path("submissionId").asText()))
          .forEach(t -> tx.completeTask(t.id()));
    }
  }

  static boolean undecided(Resource submission) {
    String state = submission.attributes().path("betaReviewState").asText("");
    return state.equals("WAITING_FOR_REVIEW") || state.equals("IN_REVIEW");
  }

  private Resource start(StoreTx tx, Resource submission) {
    boolean buildExpired = tf.relatedOne(tx, submission, "build").filter(Builds::expired).isPresent();
    if (!"WAITING_FOR_REVIEW".equals(submission.attributes().path("betaReviewState").asText()) || buildExpired) {
      return submission; // an expired build is not reviewed any more
    }
    Resource started = tf.services().rules().move(tx, submission, "betaReviewState", "IN_REVIEW"); // type-rules.json
    tf.relatedOne(tx, submission, "build").ifPresent(build -> details.setExternal(tx, build, "IN_BETA_REVIEW"));
    return started;
  }

  /**
   * Ends a review. A submission still waiting goes through IN_REVIEW first, so a webhook sees the
   * same sequence of states as it would at Apple.
   */
  Resource decide(StoreTx tx, Resource submission, boolean approved) {
    if (!undecided(submission)) {
      throw new ApiException(ApiError.of(409, "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.",
          "The beta review submission '" + submission.id() + "' was already decided ("
              + submission.attributes().path("betaReviewState").asText() + ")."));
    }
    if (tf.relatedOne(tx, submission, "build").filter(Builds::expired).isPresent()) {
      throw new ApiException(ApiError.of(409, "STATE_ERROR", "The request cannot be fulfilled because of the state of another resource.",
          "The build of beta review submission '" + submission.id() + "' has expired."));
    }
    unschedule(tx, submission);
    Resource inReview = start(tx, submission);
    Resource decided = tf.services().rules().move(tx, inReview, "betaReviewState", approved ? "APPROVED" : "REJECTED");
    tf.relatedOne(tx, submission, "build").ifPresent(build -> {
      details.setExternal(tx, build, approved ? "BETA_APPROVED" : "BETA_REJECTED");
      if (approved && tf.related(tx, build, "betaGroups").stream().anyMatch(g -> !GroupBuilds.internal(g))) {
        details.setExternal(tx, build, "IN_BETA_TESTING");
      }
    });
    return decided;
  }
}
