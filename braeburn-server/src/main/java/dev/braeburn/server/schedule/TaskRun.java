package dev.braeburn.server.schedule;

import dev.braeburn.server.store.StoreTx;

/** One run of a scheduled task, given to its {@link TaskHandler}. */
public interface TaskRun {
  /** Removes the task inside {@code tx}, so it is gone exactly when the handler's change commits. */
  void complete(StoreTx tx);

  /** Keeps the task and runs it again at {@code dueAt} (server time) with the attempt count raised. */
  void retryAt(java.time.Instant dueAt);
}
