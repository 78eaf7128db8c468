package dev.braeburn.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.store.sql.SqlStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work scheduled on the virtual clock: order, the time it sees, exactly-once changes, retries, restarts. */
class SchedulerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path dir;
  private final MutableWall wall = new MutableWall(T0);
  private VirtualClock clock;
  private SqlStore store;
  private Scheduler scheduler;
  private final List<String> ran = new ArrayList<>();

  @BeforeEach
  void open() {
    openOn(dir);
  }

  private void openOn(Path data) {
    clock = new VirtualClock(wall);
    store = SqlStore.sqlite(data, JSON, clock);
    if (store.team("team").isEmpty()) {
      store.createTeam("team", "Team");
    }
    clock.attach(store::clockSetting, store::saveClockSetting);
    scheduler = new Scheduler(store, clock, wall);
    scheduler.register("note", (task, run) -> store.write(task.teamId(), tx -> {
      ran.add(task.payload().path("name").asText() + "@" + clock.instant());
      run.complete(tx);
      return null;
    }));
  }

  @AfterEach
  void close() {
    scheduler.close();
    store.close();
  }

  private void schedule(String name, Duration in) {
    store.write("team", tx -> scheduler.schedule(tx, "note", clock.instant().plus(in), payload(name)));
  }

  private static ObjectNode payload(String name) {
    return JSON.createObjectNode().put("name", name);
  }

  @Test
  void aTaskInALaneThatHangsHoldsUpNoOtherLaneAndAnAdvanceWaitsForIt() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.LinkedBlockingQueue<String> started = new java.util.concurrent.LinkedBlockingQueue<>();
    scheduler.registerInLanes("post", (task, run) -> {
      String name = task.payload().path("name").asText();
      started.add(name);
      if (name.startsWith("hang")) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      ran.add(name);
    }, task -> task.payload().path("name").asText().substring(0, 4));
    clock.freeze();
    store.write("team", tx -> scheduler.schedule(tx, "post", clock.instant(), payload("hang-1")));
    store.write("team", tx -> scheduler.schedule(tx, "post", clock.instant(), payload("fast-1")));
    store.write("team", tx -> scheduler.schedule(tx, "post", clock.instant(), payload("warm-2")));

    assertThat(scheduler.runDue()).isEqualTo(3); // three lanes (the first four letters): all three started, none waited for another
    assertThat(java.util.List.of(started.take(), started.take(), started.take())).containsExactlyInAnyOrder("hang-1", "fast-1", "warm-2");
    assertThat(scheduler.runDue()).isZero(); // the hanging one is claimed (leased): not started twice

    release.countDown();
    scheduler.advance(Duration.ZERO); // waits for what is in flight
    assertThat(ran).containsExactlyInAnyOrder("fast-1", "warm-2", "hang-1");
    assertThat(store.scheduledTasks(null, 10)).isEmpty();
  }

  @Test
  void advanceRunsWhatComesDueInOrderEachAtItsOwnTime() {
    clock.freeze();
    schedule("late", Duration.ofMinutes(30));
    schedule("early", Duration.ofMinutes(5));
    schedule("after", Duration.ofHours(2));
    schedule("same-time-second", Duration.ofMinutes(30));

    Instant now = scheduler.advance(Duration.ofHours(1));

    assertThat(now).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(ran).containsExactly("early@" + T0.plusSeconds(300), "late@" + T0.plusSeconds(1800), "same-time-second@" + T0.plusSeconds(1800));
    assertThat(store.scheduledTasks(null, 10)).extracting(t -> t.payload().path("name").asText()).containsExactly("after");
  }

  @Test
  void followUpsScheduledInsideTheAdvanceRunToo() {
    clock.freeze();
    scheduler.register("chain", (task, run) -> store.write(task.teamId(), tx -> {
      ran.add("chain" + task.payload().path("n").asInt() + "@" + clock.instant());
      if (task.payload().path("n").asInt() < 3) {
        scheduler.schedule(tx, "chain", clock.instant().plusSeconds(60), JSON.createObjectNode().put("n", task.payload().path("n").asInt() + 1));
      }
      run.complete(tx);
      return null;
    }));
    store.write("team", tx -> scheduler.schedule(tx, "chain", clock.instant().plusSeconds(60), JSON.createObjectNode().put("n", 1)));

    scheduler.advance(Duration.ofMinutes(10));

    assertThat(ran).containsExactly("chain1@" + T0.plusSeconds(60), "chain2@" + T0.plusSeconds(120), "chain3@" + T0.plusSeconds(180));
  }

  @Test
  void workScheduledInARolledBackTransactionNeverRuns() {
    assertThatThrownBy(() -> store.write("team", tx -> {
      scheduler.schedule(tx, "note", clock.instant(), payload("ghost"));
      throw new IllegalStateException("the change fails");
    })).isInstanceOf(IllegalStateException.class);
    scheduler.advance(Duration.ofDays(1));
    assertThat(ran).isEmpty();
  }

  @Test
  void aFailingHandlerIsRetriedLaterWithBackoff() {
    clock.freeze();
    int[] calls = {0};
    scheduler.register("flaky", (task, run) -> {
      if (++calls[0] < 3) {
        throw new IllegalStateException("receiver down");
      }
      ran.add("done after " + task.attempt() + " failures");
    });
    store.write("team", tx -> scheduler.schedule(tx, "flaky", clock.instant(), payload("x")));

    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(store.scheduledTasks(null, 10).getFirst().dueAt()).isEqualTo(T0.plusSeconds(1));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(store.scheduledTasks(null, 10).getFirst().dueAt()).isEqualTo(T0.plusSeconds(1 + 2));
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(ran).containsExactly("done after 2 failures");
    assertThat(store.scheduledTasks(null, 10)).isEmpty();
  }

  @Test
  void aTaskLeasedByAnotherInstanceWaitsForItsLeaseToExpire() {
    schedule("leased", Duration.ZERO);
    long id = store.scheduledTasks(null, 1).getFirst().id();
    assertThat(store.claimTask(id, wall.instant(), wall.instant().plusSeconds(60))).isTrue(); // "another instance"

    assertThat(scheduler.runDue()).isZero();
    wall.set(T0.plusSeconds(61)); // that instance died: its lease ran out
    assertThat(scheduler.runDue()).isEqualTo(1);
    assertThat(ran).hasSize(1);
  }

  @Test
  void theClockOnlyMovesForwardAndFreezesAndResumesWithoutAJump() {
    assertThatThrownBy(() -> scheduler.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    wall.set(T0.plusSeconds(10));
    Instant frozen = clock.freeze();
    wall.set(T0.plusSeconds(100));
    assertThat(clock.instant()).isEqualTo(frozen).isEqualTo(T0.plusSeconds(10));
    clock.resume();
    wall.set(T0.plusSeconds(130));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void virtualTimeAndPendingWorkSurviveARestart() {
    clock.freeze();
    scheduler.advance(Duration.ofDays(3));
    schedule("tomorrow", Duration.ofDays(1));
    close();

    openOn(dir);
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(3)));
    scheduler.advance(Duration.ofDays(1));
    assertThat(ran).containsExactly("tomorrow@" + T0.plus(Duration.ofDays(4)));
  }

  /** The wall clock, set by the test. */
  private static final class MutableWall extends Clock {
    private volatile Instant now;

    MutableWall(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
