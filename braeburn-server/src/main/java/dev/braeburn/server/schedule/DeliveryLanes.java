package dev.braeburn.server.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Tasks that only do I/O (a webhook POST) run here, each on its own virtual thread, instead of one
 * after another on the scheduler's thread. A task runs in a lane (one per receiver, e.g. per
 * webhook): at most {@link #perLane} of a lane and {@link #total} in all are in flight, so a receiver
 * that hangs holds only its own lane's slots (each for at most its POST's timeout) while every
 * other lane goes on.
 *
 * <p>A task is only claimed (leased) when a slot is free for it and starts at once, so no claimed
 * task waits here: its lease (60 s) covers only its own run, never a queue behind a slow receiver.
 */
final class DeliveryLanes implements AutoCloseable {
  final int perLane;
  final int total;
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("braeburn-delivery-", 0).factory());
  private final Map<String, Integer> inFlight = new HashMap<>(); // guarded by this
  private int running; // guarded by this
  private final Runnable onSlotFreed;

  DeliveryLanes(int perLane, int total, Runnable onSlotFreed) {
    this.perLane = perLane;
    this.total = total;
    this.onSlotFreed = onSlotFreed;
  }

  /** How many more tasks of {@code lane} could start now (null: of any lane). */
  synchronized int room(String lane) {
    int free = total - running;
    return lane == null ? free : Math.min(free, perLane - inFlight.getOrDefault(lane, 0));
  }

  /** Takes a slot of {@code lane} (the caller checked {@link #room}) and runs {@code work} in it. */
  void start(String lane, Runnable work) {
    synchronized (this) {
      inFlight.merge(lane, 1, Integer::sum);
      running++;
    }
    threads.execute(() -> {
      try {
        work.run();
      } finally {
        boolean worthALook;
        synchronized (this) {
          int left = inFlight.merge(lane, -1, Integer::sum);
          if (left == 0) {
            inFlight.remove(lane);
          }
          running--;
          notifyAll();
          // a look at the due tasks reads a page of them: under a backlog, look once half a lane has
          // freed, to start many at a time, rather than once per freed slot
          worthALook = left <= perLane / 2 || running <= total / 2;
        }
        if (worthALook) {
          onSlotFreed.run(); // the lane may have due tasks waiting for these slots
        }
      }
    });
  }

  /** Waits until nothing is in flight (a clock advance starts from settled state, as when tasks ran one at a time). */
  synchronized void awaitIdle() {
    while (running > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Interrupts what is in flight (a POST then fails as "interrupted" and its task runs again later) and waits up to 5 s. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
