package dev.braeburn.server.schedule;

import dev.braeburn.server.store.ScheduledTask;

/**
 * What runs when a task of one kind comes due. The clock reads the task's due time while it runs
 * (when it was due in the past, the clock has already moved on: "now").
 *
 * <p>A state change should happen in a team write transaction that also calls {@link
 * TaskRun#complete(dev.braeburn.server.store.StoreTx)}: the change and the removal of the task
 * commit together, so the change happens exactly once even if the server dies. A handler that does
 * I/O (a webhook POST) runs outside any transaction and is at-least-once: the scheduler removes the
 * task after the handler returns, and a crash in between runs it again.
 */
@FunctionalInterface
public interface TaskHandler {
  void run(ScheduledTask task, TaskRun run);
}
