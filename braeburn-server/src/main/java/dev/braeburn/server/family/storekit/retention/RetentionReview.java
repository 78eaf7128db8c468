package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * Apple reviews each uploaded image and message: it is {@code PENDING}, then {@code APPROVED} or
 * {@code REJECTED} (server-api.md §1.7, ImageState/MessageState). Braeburn approves it on the virtual
 * clock {@code reviewDelaySeconds} after the upload [INFER: Apple states no review time]; the admin
 * section rejects (or approves early) instead.
 */
final class RetentionReview {
  static final String KIND = "storekit.retention.review";
  static final String PENDING = "PENDING";
  static final String APPROVED = "APPROVED";
  static final String REJECTED = "REJECTED";

  private final EngineServices services;
  private final RetentionRules rules;

  RetentionReview(EngineServices services, RetentionRules rules) {
    this.services = services;
    this.rules = rules;
  }

  /** Schedules the approval of a new upload, in the transaction that stores it. */
  /** Stores an uploaded image or message (PENDING) and starts its review, in the upload's transaction. */
  void submit(StoreTx tx, String type, String id, ObjectNode row) {
    tx.insert(type, id, row);
    start(tx, type, id);
  }

  private void start(StoreTx tx, String type, String id) {
    ObjectNode payload = services.mapper().createObjectNode().put("type", type).put("id", id);
    services.scheduler().schedule(tx, KIND, services.clock().instant().plus(rules.reviewDelay()), payload);
  }

  void run(ScheduledTask task, TaskRun run) {
    services.store().write(task.teamId(), tx -> {
      // gone (deleted) or already decided by the admin section: nothing to approve
      tx.find(task.payload().get("type").asText(), task.payload().get("id").asText())
          .filter(r -> PENDING.equals(r.attributes().path(stateOf(r)).asText()))
          .ifPresent(r -> decide(tx, r, APPROVED));
      run.complete(tx);
      return null;
    });
  }

  /** Sets the review outcome of an image or a message. */
  void decide(StoreTx tx, Resource row, String state) {
    ObjectNode attrs = row.attributes().deepCopy();
    attrs.put(stateOf(row), state).put("reviewedDate", services.clock().instant().toEpochMilli());
    tx.updateAttributes(row, attrs);
  }

  static String stateOf(Resource row) {
    return row.type().equals(RetentionScope.IMAGES) ? "imageState" : "messageState";
  }
}
