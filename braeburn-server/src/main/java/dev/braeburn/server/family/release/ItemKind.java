package dev.braeburn.server.family.release;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;

/**
 * One kind of thing a review submission carries (review-pipeline.md §4.1, protocol.md §7.4 step
 * 2): named by the {@code reviewSubmissionItems} relationship that points at it. A kind says
 * whether a target may join a submission and be submitted, and what happens to the target as its
 * item goes through review. Only the App Store version kind ({@link VersionItem}) does anything
 * today; in-app purchases, subscriptions, in-app events, custom product pages … are carried
 * through review without checks or state changes ({@link #carried}) until their family registers
 * its own kind in {@link ItemKinds}.
 */
interface ItemKind {
  /** What happens to an item, in the order review goes. */
  enum Event {
    /** Added to a draft submission. */
    ADDED,
    /** Deleted from a draft before it was submitted. */
    REMOVED_FROM_DRAFT,
    /** The submission was submitted (or resubmitted). */
    SUBMITTED,
    /** App Review started reviewing it. */
    REVIEW_STARTED,
    APPROVED,
    REJECTED,
    /** The developer answered a rejection (Resolution Center; item PATCH {@code resolved:true}). */
    RESOLVED,
    /** Taken out of review: the submission was canceled, or the rejected item removed. */
    WITHDRAWN
  }

  /** The {@code reviewSubmissionItems} relationship naming the target. */
  String relationship();

  /**
   * Refuses (an {@code ApiException}) adding {@code target} to {@code submission}, a draft of
   * the same app: wrong app or platform, not in a state that can be reviewed, incomplete.
   */
  default void checkAddable(StoreTx tx, Resource submission, Resource target) {}

  /** Refuses submitting {@code submission} with {@code target} in it (readiness checked again). */
  default void checkSubmittable(StoreTx tx, Resource submission, Resource target) {}

  /** Moves {@code target} along with its item. */
  default void on(StoreTx tx, Event event, Resource target) {}

  /** A kind Braeburn accepts and carries through review without checks or state changes. */
  static ItemKind carried(String relationship) {
    return () -> relationship;
  }
}
