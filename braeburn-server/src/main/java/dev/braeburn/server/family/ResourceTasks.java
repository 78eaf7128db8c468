package dev.braeburn.server.family;

import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;

/**
 * A family's scheduled work, one task per resource and kind, found by the resource id in its
 * payload: so scheduling is idempotent (an admin load adopting a resource, a second start) and a
 * pause or a state change can take the pending work away. Used by the release and signing families.
 */
public final class ResourceTasks {
  public static final String ID = "id";
  /** The latest instant work is scheduled for: a four-digit year, which every store keeps (PostgreSQL's timestamps are bounded). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final Graph graph;

  public ResourceTasks(Graph graph) {
    this.graph = graph;
  }

  public boolean pending(StoreTx tx, String kind, String id) {
    return tx.scheduled(kind).stream().anyMatch(t -> id.equals(t.payload().path(ID).asText()));
  }

  /** Schedules {@code kind} for the resource unless one is pending; a time in the past is due at once, one beyond {@link #LATEST} then. */
  public void ensure(StoreTx tx, String kind, String id, Instant dueAt) {
    if (!pending(tx, kind, id)) {
      Instant now = graph.now();
      Instant due = dueAt.isBefore(now) ? now : dueAt.isAfter(LATEST) ? LATEST : dueAt;
      graph.services().scheduler().schedule(tx, kind, due, graph.object().put(ID, id));
    }
  }

  /** Removes the resource's pending tasks of {@code kind}. */
  public void cancel(StoreTx tx, String kind, String id) {
    for (ScheduledTask task : tx.scheduled(kind)) {
      if (id.equals(task.payload().path(ID).asText())) {
        tx.completeTask(task.id());
      }
    }
  }
}
