package dev.braeburn.client.api;

import java.time.Duration;

/**
 * Waits between retries. Pluggable so tests record the waits instead of taking them, and so a
 * caller can wait on its own scheduler.
 */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(long)}. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
