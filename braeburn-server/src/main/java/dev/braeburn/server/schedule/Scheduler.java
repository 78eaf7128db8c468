package dev.braeburn.server.schedule;

import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the work scheduled on the virtual clock, in order of due time (then of scheduling).
 *
 * <ul>
 *   <li>While the clock runs, a background thread runs tasks as they come due (it looks every
 *       {@value #POLL_MILLIS} ms, and at once when {@link #wake()} is called after a commit).
 *   <li>{@link #advance(Duration)} moves the clock forward task by task: the clock reads each
 *       task's due time while that task runs, so timestamps are those Apple would show; follow-up
 *       tasks that fall inside the advance run too; it returns when nothing inside is left, so a
 *       client sees the outcome as soon as the call returns.
 * </ul>
 *
 * The background thread runs state changes one at a time, in order. Tasks of a kind registered
 * with {@link #registerInLanes} only do I/O (a webhook POST): it claims them in order and runs them
 * concurrently in {@link DeliveryLanes}, a lane per receiver, so a slow receiver delays no other
 * (issue 19). {@link #advance} first waits for those in flight, then runs everything one at a time
 * as before: a clock advance answers with every outcome recorded. The system property {@value
 * #SERIAL_PROPERTY}{@code =true} keeps the old path (everything on the one thread), for the
 * benchmark's before/after.
 *
 * <p>Instances sharing a database claim a task with a lease (wall time) before running it; a task
 * whose instance died is run again when its lease expires.
 */
public final class Scheduler implements AutoCloseable {
  static final long POLL_MILLIS = 200;
  static final Duration LEASE = Duration.ofSeconds(60);
  /** An unexpected failure is retried with backoff, then given up (and logged) after this many runs. */
  static final int MAX_ATTEMPTS = 10;
  static final String SERIAL_PROPERTY = "braeburn.scheduler.serial";
  static final String PER_LANE_PROPERTY = "braeburn.webhooks.inFlightPerWebhook";
  /**
   * Deliveries in flight per lane (one webhook), and in all: one receiver's share stays below the
   * whole. One per webhook by default, so a receiver gets its webhook's events in the order they
   * happened (a build's PROCESSING before its COMPLETE), as the serial path always sent them;
   * raising it trades that order for one webhook's throughput.
   */
  static final int PER_LANE = Math.max(1, Integer.getInteger(PER_LANE_PROPERTY, 1));
  static final int IN_FLIGHT = 64;
  /**
   * Due tasks are read this many at a time; when a page holds only tasks of lanes with no free slot,
   * the next page is read, up to {@link #SCAN_PAGES} pages: a receiver that hangs with more than
   * that many deliveries due ahead of another's can delay it until its slots free (each in at most
   * the POST's timeout).
   */
  static final int SCAN_PAGE = 64;
  static final int SCAN_PAGES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final Store store;
  private final VirtualClock clock;
  private final Clock wall;
  private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.Function<ScheduledTask, String>> laneOf = new ConcurrentHashMap<>();
  /** null: the old serial path ({@value #SERIAL_PROPERTY}). */
  private final DeliveryLanes lanes;
  private final ReentrantLock running = new ReentrantLock(true);
  private final ReentrantLock signal = new ReentrantLock();
  private final Condition woken = signal.newCondition();
  private Thread background;
  private volatile boolean closed;
  private boolean wakeRequested; // guarded by signal

  public Scheduler(Store store, VirtualClock clock, Clock wall) {
    this.store = store;
    this.clock = clock;
    this.wall = wall;
    this.lanes = Boolean.getBoolean(SERIAL_PROPERTY) ? null : new DeliveryLanes(PER_LANE, IN_FLIGHT, this::wake);
  }

  /** Registers what runs for tasks of {@code kind}. */
  public Scheduler register(String kind, TaskHandler handler) {
    handlers.put(kind, handler);
    return this;
  }

  /**
   * Registers an I/O-only kind (at-least-once, see {@link TaskHandler}) that the background thread
   * runs concurrently, in the lane {@code lane} names for each task (one per receiver).
   */
  public Scheduler registerInLanes(String kind, TaskHandler handler, java.util.function.Function<ScheduledTask, String> lane) {
    laneOf.put(kind, lane);
    return register(kind, handler);
  }

  /** Schedules {@code kind} inside {@code tx} (committed with the change that causes it). */
  public long schedule(StoreTx tx, String kind, Instant dueAt, com.fasterxml.jackson.databind.node.ObjectNode payload) {
    if (!handlers.containsKey(kind)) {
      throw new IllegalArgumentException("no handler for scheduled task kind " + kind);
    }
    return tx.schedule(kind, dueAt, payload);
  }

  public void start() {
    store.onWorkScheduled(this::wake);
    background = Thread.ofPlatform().daemon().name("braeburn-scheduler").start(this::loop);
  }

  /** Asks the background thread to look for due work now (after a commit that scheduled some). */
  public void wake() {
    signal.lock();
    try {
      wakeRequested = true; // kept until the loop looks, so a wake during a pass is not lost
      woken.signal();
    } finally {
      signal.unlock();
    }
  }

  /** Advances the clock by {@code by}, running everything that comes due on the way; returns the new time. */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    running.lock();
    try {
      if (lanes != null) {
        lanes.awaitIdle(); // the background thread starts no more while this holds the lock
      }
      Instant target = clock.instant().plus(by);
      for (Optional<ScheduledTask> next = store.nextDueTask(target, wall.instant()); next.isPresent();
          next = store.nextDueTask(target, wall.instant())) {
        clock.advanceTo(next.get().dueAt());
        runClaimed(next.get());
      }
      return clock.advanceTo(target);
    } finally {
      running.unlock();
    }
  }

  /** Runs (or, for kinds in lanes, starts) every task due by now; returns how many. */
  public int runDue() {
    running.lock();
    try {
      int ran = 0;
      if (lanes == null) {
        for (Optional<ScheduledTask> next = store.nextDueTask(clock.instant(), wall.instant()); next.isPresent() && !closed;
            next = store.nextDueTask(clock.instant(), wall.instant())) {
          runClaimed(next.get());
          ran++;
        }
        return ran;
      }
      for (Look look = startDue(); ; look = startDue()) {
        ran += look.started();
        if (!look.again() || closed) {
          return ran;
        }
      }
    } finally {
      running.unlock();
    }
  }

  /** What one look at the due tasks did: how many tasks ran or started, and whether to look again at once. */
  private record Look(int started, boolean again) {}

  /**
   * One look at the due tasks, in order: tasks of lanes with a free slot are claimed together and
   * started; the first task of a kind without lanes is run here, after those before it were started,
   * and the look ends (what it did may change what is due: look again). Otherwise the next look
   * waits for a wake (a commit that scheduled work, or freed slots), unless this one stopped at the
   * end of a page with slots still free. Looking again right after starting tasks would find their
   * lanes full and read page after page for nothing.
   */
  private Look startDue() {
    Instant now = clock.instant();
    ScheduledTask after = null;
    for (int page = 0; page < SCAN_PAGES && !closed; page++) {
      List<ScheduledTask> due = store.dueTasks(now, wall.instant(), after, SCAN_PAGE);
      Map<String, Integer> taken = new HashMap<>();
      List<ScheduledTask> picked = new ArrayList<>();
      int room = lanes.room(null);
      for (ScheduledTask task : due) {
        java.util.function.Function<ScheduledTask, String> lane = laneOf.get(task.kind());
        if (lane == null) {
          int started = startAll(picked);
          runClaimed(task);
          return new Look(started + 1, true);
        }
        String name = lane.apply(task);
        if (picked.size() < room && taken.getOrDefault(name, 0) < lanes.room(name)) {
          taken.merge(name, 1, Integer::sum);
          picked.add(task);
        }
      }
      if (!picked.isEmpty() || due.size() < SCAN_PAGE || room == 0) {
        return new Look(startAll(picked), picked.size() == due.size() && due.size() == SCAN_PAGE && picked.size() < room);
      }
      after = due.getLast(); // only lanes without a free slot here: look further, so they hold up no other lane
    }
    return new Look(0, false);
  }

  private int startAll(List<ScheduledTask> picked) {
    if (picked.isEmpty()) {
      return 0;
    }
    java.util.Set<Long> claimed = store.claimTasks(picked.stream().map(ScheduledTask::id).toList(), wall.instant(), wall.instant().plus(LEASE));
    int started = 0;
    for (ScheduledTask task : picked) {
      if (claimed.contains(task.id())) { // else another instance took it
        lanes.start(laneOf.get(task.kind()).apply(task), () -> runHandler(task));
        started++;
      }
    }
    return started;
  }

  private void runClaimed(ScheduledTask task) {
    if (!store.claimTask(task.id(), wall.instant(), wall.instant().plus(LEASE))) {
      return; // another instance took it
    }
    runHandler(task);
  }

  /** Runs a claimed task's handler, then completes it, or keeps it for its retry. */
  private void runHandler(ScheduledTask task) {
    TaskHandler handler = handlers.get(task.kind());
    Run run = new Run(task);
    try {
      if (handler == null) {
        throw new IllegalStateException("no handler for scheduled task kind " + task.kind());
      }
      handler.run(task, run);
      if (run.retryAt != null) {
        store.retryTask(task.id(), task.attempt() + 1, run.retryAt);
      } else if (!run.completed) {
        store.completeTask(task.id());
      }
    } catch (RuntimeException e) {
      if (task.attempt() + 1 >= MAX_ATTEMPTS) {
        LOG.error("scheduled task {} ({}) failed {} times; giving up", task.id(), task.kind(), MAX_ATTEMPTS, e);
        store.completeTask(task.id());
      } else {
        LOG.warn("scheduled task {} ({}) failed; retrying", task.id(), task.kind(), e);
        store.retryTask(task.id(), task.attempt() + 1, clock.instant().plusSeconds(1L << Math.min(task.attempt(), 12)));
      }
    }
  }

  private final class Run implements TaskRun {
    private final ScheduledTask task;
    private boolean completed;
    private Instant retryAt;

    Run(ScheduledTask task) {
      this.task = task;
    }

    @Override
    public void complete(StoreTx tx) {
      tx.completeTask(task.id());
      completed = true;
    }

    @Override
    public void retryAt(Instant dueAt) {
      retryAt = dueAt;
    }
  }

  private void loop() {
    while (!closed) {
      try {
        runDue();
      } catch (RuntimeException e) {
        LOG.warn("scheduler pass failed: {}", e.getMessage());
      }
      signal.lock();
      try {
        if (!wakeRequested) {
          woken.await(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        wakeRequested = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        signal.unlock();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (background != null) {
      background.interrupt();
      try {
        background.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (lanes != null) {
      lanes.close();
    }
  }
}
