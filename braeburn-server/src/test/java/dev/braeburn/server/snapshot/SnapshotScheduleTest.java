package dev.braeburn.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static java.time.temporal.ChronoUnit.MILLIS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.sql.SqlStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot version 2: the virtual clock and the work scheduled on it travel with the state. */
class SnapshotScheduleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private VirtualClock clock;
  private SqlStore store;
  private Snapshots snapshots;

  @BeforeEach
  void open() {
    clock = new VirtualClock(Clock.systemUTC());
    store = SqlStore.sqlite(dir, JSON, clock);
    clock.attach(store::clockSetting, store::saveClockSetting);
    store.createTeam("team-a", "A");
    store.createTeam("team-b", "B");
    snapshots = new Snapshots(store, JSON, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private byte[] save(String team) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    snapshots.save(team, out);
    return out.toByteArray();
  }

  @Test
  void aServerSnapshotRestoresTheClockAndThePendingWork() throws Exception {
    Instant frozen = clock.freeze();
    clock.advance(Duration.ofDays(5));
    store.write("team-a", tx -> tx.schedule("build.process", frozen.plus(Duration.ofDays(6)), JSON.createObjectNode().put("build", "b1")));
    store.write("team-b", tx -> tx.schedule("webhook.deliver", frozen.plus(Duration.ofDays(5)), JSON.createObjectNode().put("delivery", "d1")));
    byte[] saved = save(null);
    JsonNode document = JSON.readTree(saved);
    assertThat(document.path("version").asInt()).isEqualTo(3);
    assertThat(document.path("clock").path("frozenAt").asText()).isEqualTo(frozen.plus(Duration.ofDays(5)).toString());
    assertThat(document.path("tasks").findValuesAsText("kind")).containsExactly("webhook.deliver", "build.process"); // due order

    clock.resume();
    clock.advance(Duration.ofDays(30));
    store.completeTask(store.scheduledTasks(null, 10).getFirst().id());
    SnapshotSummary loaded = snapshots.load(new ByteArrayInputStream(saved), null);

    assertThat(loaded.tasks()).isEqualTo(2);
    assertThat(clock.setting().frozen()).isTrue();
    assertThat(clock.instant()).isEqualTo(frozen.plus(Duration.ofDays(5)));
    List<ScheduledTask> tasks = store.scheduledTasks(null, 10);
    assertThat(tasks).extracting(ScheduledTask::teamId, ScheduledTask::kind, ScheduledTask::dueAt).containsExactly(
        tuple("team-b", "webhook.deliver", frozen.plus(Duration.ofDays(5)).truncatedTo(MILLIS)), // due times are kept to the millisecond
        tuple("team-a", "build.process", frozen.plus(Duration.ofDays(6)).truncatedTo(MILLIS)));
    assertThat(tasks.get(1).payload().path("build").asText()).isEqualTo("b1");
  }

  @Test
  void aTeamSnapshotCarriesItsTasksButNotTheSharedClock() throws Exception {
    store.write("team-a", tx -> tx.schedule("a.work", clock.instant().plusSeconds(60), JSON.createObjectNode()));
    store.write("team-b", tx -> tx.schedule("b.work", clock.instant().plusSeconds(60), JSON.createObjectNode()));
    byte[] saved = save("team-a");
    assertThat(JSON.readTree(saved).has("clock")).isFalse();

    store.write("team-a", tx -> tx.schedule("a.later", clock.instant().plusSeconds(120), JSON.createObjectNode()));
    snapshots.load(new ByteArrayInputStream(saved), "team-a");

    assertThat(store.scheduledTasks("team-a", 10)).extracting(ScheduledTask::kind).containsExactly("a.work");
    assertThat(store.scheduledTasks("team-b", 10)).extracting(ScheduledTask::kind).containsExactly("b.work");
  }

  @Test
  void versionOneSnapshotsStillLoadAndCannotCarryAClock() throws Exception {
    String v1 = "{\"format\":\"braeburn-snapshot\",\"version\":1,\"createdAt\":\"2026-11-24T10:00:00Z\",\"scope\":\"team\","
        + "\"issuerId\":\"team-a\",\"teams\":[{\"issuerId\":\"team-a\",\"name\":\"A\",\"createdAt\":\"2026-11-24T10:00:00Z\","
        + "\"agreementsMissing\":false}],\"keys\":[],\"resources\":[],\"links\":[]}";
    assertThat(snapshots.load(new ByteArrayInputStream(v1.getBytes(StandardCharsets.UTF_8)), null).teams()).isEqualTo(1);

    String v1WithClock = v1.replace("\"scope\":\"team\"", "\"clock\":{\"offsetMillis\":0,\"frozenAt\":null},\"scope\":\"team\"");
    assertThatThrownBy(() -> snapshots.load(new ByteArrayInputStream(v1WithClock.getBytes(StandardCharsets.UTF_8)), null))
        .isInstanceOf(SnapshotException.class).hasMessageContaining("'clock' is not a field");
  }
}
