package dev.braeburn.server.family.release;

import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;

/**
 * The release family's scheduled work, one task per resource and kind, found by the resource id in
 * its payload: so scheduling is idempotent (an admin load adopting a resource, a second start)
 * and a pause can take the pending day away.
 */
final class Tasks {
  static final String ID = "id";
  /** The latest instant work is scheduled for: a four-digit year, which every store keeps (PostgreSQL's timestamps are bounded). */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final Release release;

  Tasks(Release release) {
    this.release = release;
  }

  boolean pending(StoreTx tx, String kind, String id) {
    return tx.scheduled(kind).stream().anyMatch(t -> id.equals(t.payload().path(ID).asText()));
  }

  /** Schedules {@code kind} for the resource unless one is pending; a time in the past is due at once, one beyond {@link #LATEST} then. */
  void ensure(StoreTx tx, String kind, String id, Instant dueAt) {
    if (!pending(tx, kind, id)) {
      Instant now = release.graph().now();
      Instant due = dueAt.isBefore(now) ? now : dueAt.isAfter(LATEST) ? LATEST : dueAt;
      release.services().scheduler().schedule(tx, kind, due, release.graph().object().put(ID, id));
    }
  }

  /** Removes the resource's pending tasks of {@code kind}. */
  void cancel(StoreTx tx, String kind, String id) {
    for (ScheduledTask task : tx.scheduled(kind)) {
      if (id.equals(task.payload().path(ID).asText())) {
        tx.completeTask(task.id());
      }
    }
  }
}
