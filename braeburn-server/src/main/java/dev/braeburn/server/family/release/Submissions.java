package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.Principal;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Review submissions (review-pipeline.md §4.1, protocol.md §7.4): {@code POST
 * /v1/reviewSubmissions} makes a draft (READY_FOR_REVIEW) — refused while another submission of
 * the app and platform is in progress; empty drafts may accumulate, as at Apple — and {@code PATCH
 * /v1/reviewSubmissions/{id}} submits it ({@code submitted:true}, readiness checked again, also
 * the resubmission of an UNRESOLVED_ISSUES one) or cancels it ({@code canceled:true}: CANCELING,
 * the versions DEVELOPER_REJECTED at once, COMPLETE 10 s later with the items REMOVED). Its items
 * are {@link SubmissionItems}; App Review is {@link AppReview}.
 */
final class Submissions {
  static final String TYPE = "reviewSubmissions";
  static final String CANCELED_TASK = "release.reviewSubmission.canceled";
  /** A submission in one of these blocks a new one of its app and platform (§4.1, fastlane #21482). */
  static final Set<String> IN_PROGRESS = Set.of("WAITING_FOR_REVIEW", "IN_REVIEW", "UNRESOLVED_ISSUES", "CANCELING", "COMPLETING");
  static final Set<String> SUBMITTABLE = Set.of("READY_FOR_REVIEW", "UNRESOLVED_ISSUES");
  static final Set<String> CANCELLABLE = Set.of("WAITING_FOR_REVIEW", "IN_REVIEW", "UNRESOLVED_ISSUES");
  /** A version App Review has approved: with one, a platform may submit other items without a version (§8.1). */
  static final Set<String> APPROVED_VERSION = Set.of("ACCEPTED", "PENDING_DEVELOPER_RELEASE", "PENDING_APPLE_RELEASE",
      "PROCESSING_FOR_DISTRIBUTION", "READY_FOR_DISTRIBUTION");
  /** CANCELING → COMPLETE "within 10 s" (§4.1, N-JESSE). */
  static final Duration CANCELING_TAKES = Duration.ofSeconds(10);
  /** The platform of a submission created without one when the app has no version in preparation [INFER]. */
  static final String DEFAULT_PLATFORM = "IOS";

  private final Release release;
  private final Graph graph;
  private final AppReview review;
  private final ItemKinds kinds;
  private final Actors actors;
  private final SubmissionItems items;

  Submissions(Release release, AppReview review) {
    this.release = release;
    this.graph = release.graph();
    this.review = review;
    this.kinds = review.kinds();
    this.actors = new Actors(release);
    this.items = new SubmissionItems(release, review, actors);
  }

  void install(FamilyContext context) {
    context.handlers().register("reviewSubmissions_createInstance", this::create).register("reviewSubmissions_updateInstance", this::update);
    items.install(context);
    context.scheduler().register(CANCELED_TASK, this::runCanceled);
  }

  /** {@code POST /v1/reviewSubmissions}. */
  private ApiResponse create(OperationContext ctx) {
    String appId = ctx.body().relationships().get("app").path("id").asText();
    if (release.services().store().read(ctx.teamId(), tx -> tx.find("apps", appId).isEmpty())) {
      throw new ApiException(List.of(ReviewErrors.unknownApp(appId)), "There is no app " + appId + " in this team (Apple answers 409 here, not 404)");
    }
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource app = graph.relatedOne(tx, created, "app").orElseThrow();
      String platform = created.attributes().path("platform").asText(null);
      if (platform == null) {
        platform = defaultPlatform(tx, app);
        graph.update(tx, created, graph.object().put("platform", platform));
      }
      refuseIfAnotherInProgress(tx, app, platform, created.id());
      graph.link(tx, created, "lastUpdatedByActor", actors.of(tx, ctx.principal()));
    });
  }

  /**
   * One submission at a time per app and platform (D-STATUS, fastlane #21482): refused when
   * another is in progress — at create, and at submit for a draft made before it.
   */
  private void refuseIfAnotherInProgress(StoreTx tx, Resource app, String platform, String exceptId) {
    graph.related(tx, app, "reviewSubmissions").stream()
        .filter(s -> !s.id().equals(exceptId) && platform.equals(s.attributes().path("platform").asText()) && IN_PROGRESS.contains(AppReview.state(s)))
        .findFirst().ifPresent(other -> {
          throw new ApiException(List.of(ReviewErrors.anotherInProgress(other.id())), "App " + app.id() + " already has a " + platform
              + " review submission in progress (" + other.id() + ", " + AppReview.state(other) + "); one at a time per app and"
              + " platform (code and title inferred). Wait for it to complete, or cancel it with PATCH {\"canceled\":true}.");
        });
  }

  /** The platform of the app's version in preparation (iOS first), else {@link #DEFAULT_PLATFORM} [INFER]. */
  private String defaultPlatform(StoreTx tx, Resource app) {
    List<String> preparing = graph.related(tx, app, "appStoreVersions").stream()
        .filter(v -> VersionStates.EDITABLE.contains(VersionStates.state(v)) || "READY_FOR_REVIEW".equals(VersionStates.state(v)))
        .sorted(Comparator.comparingLong(Resource::seq)).map(v -> v.attributes().path("platform").asText()).toList();
    return preparing.isEmpty() || preparing.contains(DEFAULT_PLATFORM) ? DEFAULT_PLATFORM : preparing.getFirst();
  }

  /** {@code PATCH /v1/reviewSubmissions/{id}}: {@code platform} (fixed once set), {@code submitted}, {@code canceled}. */
  private ApiResponse update(OperationContext ctx) {
    ObjectNode attributes = ctx.body().attributes().deepCopy();
    boolean submit = attributes.path("submitted").asBoolean(false);
    boolean cancel = attributes.path("canceled").asBoolean(false);
    attributes.remove(List.of("submitted", "canceled")); // actions, not stored attributes
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource submission = GenericReads.existing(tx, TYPE, ctx.id());
      release.services().rules().checkUpdate(tx, submission, attributes, ctx.body().relationships().keySet());
      if (attributes.hasNonNull("platform") && !attributes.get("platform").equals(submission.attributes().get("platform"))) {
        submission = graph.update(tx, submission, graph.object().put("platform", attributes.get("platform").asText()));
      }
      if (submit && cancel) {
        throw new ApiException(List.of(ReviewErrors.oneAction()), "submitted:true and canceled:true in one request; send one (inferred refusal)");
      }
      if (submit) {
        submission = submit(tx, submission, ctx.principal());
      } else if (cancel) {
        submission = cancel(tx, submission, ctx.principal());
      }
      return Documents.single(ctx, tx, tx.find(TYPE, submission.id()).orElseThrow(), 200);
    });
  }

  /** Submits a draft, or resubmits an UNRESOLVED_ISSUES submission (§4.1, §8.5). */
  private Resource submit(StoreTx tx, Resource submission, Principal principal) {
    String state = AppReview.state(submission);
    if (!SUBMITTABLE.contains(state)) {
      throw new ApiException(List.of(ReviewErrors.notSubmittable()), "reviewSubmission " + submission.id() + " is " + state
          + "; only a draft (READY_FOR_REVIEW) or one with UNRESOLVED_ISSUES can be submitted (inferred refusal)");
    }
    Resource app = graph.relatedOne(tx, submission, "app").orElseThrow(() -> new ApiException(List.of(ReviewErrors.notSubmittable()),
        "reviewSubmission " + submission.id() + " belongs to no app (loaded that way through the admin API)"));
    String platform = submission.attributes().path("platform").asText("");
    refuseIfAnotherInProgress(tx, app, platform, submission.id());
    List<ItemKinds.Item> toReview = kinds.items(tx, submission).stream()
        .filter(i -> i.state().equals("READY_FOR_REVIEW") || i.state().equals("REJECTED")).toList();
    Optional<Resource> version = toReview.stream().filter(i -> i.kind().relationship().equals(VersionItem.RELATIONSHIP) && i.target() != null)
        .map(ItemKinds.Item::target).findFirst();
    Optional<Resource> approved = graph.related(tx, app, "appStoreVersions").stream()
        .filter(v -> platform.equals(v.attributes().path("platform").asText()) && APPROVED_VERSION.contains(VersionStates.state(v))).findFirst();
    if (version.isEmpty() && approved.isEmpty()) {
      throw new ApiException(List.of(ReviewErrors.versionForReviewRequired(app.id(), platform)), "reviewSubmission " + submission.id()
          + " has no appStoreVersion item and app " + app.id() + " has no approved " + platform
          + " version; add the version with POST /v1/reviewSubmissionItems first");
    }
    if (toReview.isEmpty()) {
      throw new ApiException(List.of(ReviewErrors.nothingToSubmit(submission.id())), "reviewSubmission " + submission.id()
          + " has no items to review (inferred refusal)");
    }
    for (ItemKinds.Item item : toReview) {
      if (item.target() != null) {
        item.kind().checkSubmittable(tx, submission, item.target());
      }
    }
    for (ItemKinds.Item item : toReview) {
      kinds.move(tx, item, "READY_FOR_REVIEW", ItemKind.Event.SUBMITTED);
    }
    Resource submitted = release.services().rules().move(tx, submission, "state", "WAITING_FOR_REVIEW");
    submitted = graph.update(tx, submitted, graph.object().put("submittedDate", graph.now().toString()));
    graph.link(tx, submitted, "appStoreVersionForReview", version.or(() -> approved).orElseThrow());
    Resource actor = actors.of(tx, principal);
    graph.link(tx, submitted, "submittedByActor", actor);
    graph.link(tx, submitted, "lastUpdatedByActor", actor);
    review.submitted(tx, submitted);
    return submitted;
  }

  /** {@code canceled:true} (§4.1, D-REMOVE): CANCELING, the versions DEVELOPER_REJECTED; COMPLETE {@link #CANCELING_TAKES} later. */
  private Resource cancel(StoreTx tx, Resource submission, Principal principal) {
    String state = AppReview.state(submission);
    if (!CANCELLABLE.contains(state)) {
      throw new ApiException(List.of(ReviewErrors.notCancellable()), "reviewSubmission " + submission.id() + " is " + state
          + "; only a submitted one (" + String.join(", ", CANCELLABLE.stream().sorted().toList()) + ") can be canceled"
          + (state.equals("READY_FOR_REVIEW") ? " — a draft is never canceled; remove its items or leave it (code inferred)" : " (code inferred)"));
    }
    review.unschedule(tx, submission);
    for (ItemKinds.Item item : kinds.items(tx, submission)) {
      if (!item.state().equals("REMOVED") && !item.state().equals("APPROVED")) {
        kinds.announce(tx, item, ItemKind.Event.WITHDRAWN);
      }
    }
    Resource canceling = release.services().rules().move(tx, submission, "state", "CANCELING");
    graph.link(tx, canceling, "lastUpdatedByActor", actors.of(tx, principal));
    release.services().scheduler().schedule(tx, CANCELED_TASK, graph.now().plus(CANCELING_TAKES),
        graph.object().put("submissionId", submission.id()));
    return canceling;
  }

  /** The end of a cancel: the items REMOVED (cancelling discards accepted items too, D-REMOVE), the submission COMPLETE. */
  private void runCanceled(ScheduledTask task, TaskRun run) {
    release.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      tx.find(TYPE, task.payload().path("submissionId").asText()).filter(s -> AppReview.state(s).equals("CANCELING")).ifPresent(s -> {
        for (ItemKinds.Item item : kinds.items(tx, s)) {
          if (!item.state().equals("REMOVED") && !item.state().equals("APPROVED")) {
            release.services().rules().move(tx, item.resource(), "state", "REMOVED");
          }
        }
        release.services().rules().move(tx, s, "state", "COMPLETE");
      });
      return null;
    });
  }
}
