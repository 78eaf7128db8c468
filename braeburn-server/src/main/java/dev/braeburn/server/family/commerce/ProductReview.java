package dev.braeburn.server.family.commerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Set;

/**
 * App Review of a product submitted on its own (review-pipeline.md §4.3 timing, the release
 * family's {@link ReviewSettings}: the same switch and delays as App Store versions [INFER]): after
 * the settings' start delay WAITING_FOR_REVIEW → IN_REVIEW, after the auto-approval delay APPROVED
 * when the team auto-approves; otherwise the admin API decides
 * ({@code POST /_braeburn/productReviews/{type}/{id}} {@code {"decision": "APPROVED"|"REJECTED"|"DEVELOPER_ACTION_NEEDED"}}).
 * Products riding with an app version are decided with it ({@link RidingProducts}) and have no tasks here.
 */
final class ProductReview {
  static final String START_TASK = "commerce.productReview.start";
  static final String AUTO_APPROVE_TASK = "commerce.productReview.autoApprove";
  static final Set<String> UNDECIDED = Set.of("WAITING_FOR_REVIEW", "IN_REVIEW");
  static final Set<String> DECISIONS = Set.of("APPROVED", "REJECTED", "DEVELOPER_ACTION_NEEDED");
  /** Kept on a product under review on its own (an attribute no response schema has, as family.release.AppPrivacy's). */
  static final String ALONE = "braeburnReviewedAlone";

  private final Commerce commerce;
  private final ProductStates states;

  ProductReview(Commerce commerce, ProductStates states) {
    this.commerce = commerce;
    this.states = states;
  }

  void install(FamilyContext context) {
    context.scheduler().register(START_TASK, this::runStart).register(AUTO_APPROVE_TASK, this::runAutoApprove);
  }

  /** The product was submitted on its own: WAITING_FOR_REVIEW and App Review's tasks. */
  void submitted(StoreTx tx, Resource product) {
    Resource waiting = commerce.graph().update(tx, states.move(tx, product, "WAITING_FOR_REVIEW"), commerce.graph().object().put(ALONE, true));
    ReviewSettings settings = commerce.settings().get();
    ObjectNode payload = commerce.graph().object().put("type", waiting.type()).put("id", waiting.id());
    var now = commerce.graph().now();
    commerce.services().scheduler().schedule(tx, START_TASK, now.plus(settings.reviewStartsAfter()), payload);
    ReviewSettings.Setting setting = settings.of(tx.teamId());
    if (setting.autoApprove()) {
      commerce.services().scheduler().schedule(tx, AUTO_APPROVE_TASK, now.plus(setting.autoApproveAfter()), payload.deepCopy());
    }
  }

  private void runStart(ScheduledTask task, TaskRun run) {
    commerce.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      product(tx, task).filter(p -> Commerce.state(p).equals("WAITING_FOR_REVIEW")).ifPresent(p -> states.move(tx, p, "IN_REVIEW"));
      return null;
    });
  }

  private void runAutoApprove(ScheduledTask task, TaskRun run) {
    commerce.services().store().write(task.teamId(), tx -> {
      run.complete(tx);
      if (commerce.settings().get().of(task.teamId()).autoApprove()) {
        product(tx, task).filter(p -> UNDECIDED.contains(Commerce.state(p))).ifPresent(p -> decide(tx, p, "APPROVED"));
      }
      return null;
    });
  }

  private static java.util.Optional<Resource> product(StoreTx tx, ScheduledTask task) {
    return tx.find(task.payload().path("type").asText(), task.payload().path("id").asText());
  }

  /** App Review's decision on a product waiting for or in review: through IN_REVIEW, then the decision; its tasks end. */
  Resource decide(StoreTx tx, Resource product, String decision) {
    if (!UNDECIDED.contains(Commerce.state(product))) {
      throw new ApiException(List.of(ApiError.of(409, "STATE_ERROR", CommerceErrors.STATE_TITLE,
          product.type() + " with id '" + product.id() + "' is " + Commerce.state(product) + " and has no review to decide.")),
          Commerce.describe(product) + " is " + Commerce.state(product) + "; only a product WAITING_FOR_REVIEW or IN_REVIEW can be decided.");
    }
    unschedule(tx, product);
    Resource inReview = commerce.graph().update(tx, states.move(tx, product, "IN_REVIEW"), commerce.graph().object().put(ALONE, false));
    return states.move(tx, inReview, decision);
  }

  /** Whether the product waits for a review of its own (not riding with a version). */
  boolean standalone(StoreTx tx, Resource product) {
    return product.attributes().path(ALONE).asBoolean(false);
  }

  /** When the product's auto-approval task is due, or null. */
  String autoApproveAt(StoreTx tx, Resource product) {
    return tasks(tx, product, AUTO_APPROVE_TASK).stream().map(ScheduledTask::dueAt).min(java.util.Comparator.naturalOrder())
        .map(Object::toString).orElse(null);
  }

  void unschedule(StoreTx tx, Resource product) {
    for (String kind : List.of(START_TASK, AUTO_APPROVE_TASK)) {
      tasks(tx, product, kind).forEach(t -> tx.completeTask(t.id()));
    }
  }

  private static List<ScheduledTask> tasks(StoreTx tx, Resource product, String kind) {
    return tx.scheduled(kind).stream().filter(t -> product.id().equals(t.payload().path("id").asText())
        && product.type().equals(t.payload().path("type").asText())).toList();
  }
}
