package dev.braeburn.server.family.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.engine.DocumentWriter;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.engine.IdGenerator;
import dev.braeburn.server.engine.Relations;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.PublicRoutes;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.rules.TypeRules;
import dev.braeburn.server.schedule.Scheduler;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.sql.SqlStore;
import dev.braeburn.spec.Spec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Releases#approved} per release type — the contract with App Review, whose HTTP path is
 * another part's — and {@link Releases#adopt} for resources loaded in flight: the version's states
 * and webhook events, the replaced live version, the app info rollover, the scheduled release on
 * the virtual clock and the phased release's pending work, scheduled once.
 */
class ReleasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final String TEAM = "team";

  @TempDir Path dir;
  private SqlStore store;
  private Scheduler scheduler;
  private Release release;
  private Releases releases;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    Clock wall = Clock.fixed(T0, ZoneOffset.UTC);
    VirtualClock clock = new VirtualClock(wall);
    store = SqlStore.sqlite(dir, JSON, clock);
    store.createTeam(TEAM, "Team");
    ResourceModel model = new ResourceModel(Spec.load());
    scheduler = new Scheduler(store, clock, wall);
    EngineServices services = new EngineServices(model, store, new DocumentWriter(model, JSON), new Relations(model), new IdGenerator(),
        clock, scheduler, JSON, TypeRules.load(model));
    WebhookEvents recording = (tx, appId, type, attributes, instanceType, instanceId) ->
        events.add(instanceId + " " + attributes.path("oldValue").asText() + "→" + attributes.path("newValue").asText());
    release = Release.of(services, recording, new ReviewSettings(Duration.ofHours(24), Duration.ofHours(20)));
    releases = new Releases(release);
    releases.install(new FamilyContext(services, new HandlerRegistry(), scheduler, new PublicRoutes(), recording));
    store.write(TEAM, tx -> {
      Resource app = tx.insert("apps", "app", JSON.createObjectNode().put("name", "App"));
      Resource live = version(tx, app, "live", "1.0", "READY_FOR_DISTRIBUTION", "AFTER_APPROVAL", null);
      release.graph().link(tx, live, "app", app);
      info(tx, app, "info-live", "READY_FOR_DISTRIBUTION");
      info(tx, app, "info-next", "IN_REVIEW");
      return null;
    });
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Resource version(StoreTx tx, Resource app, String id, String versionString, String state, String releaseType, String date) {
    ObjectNode attributes = JSON.createObjectNode().put("platform", "IOS").put("versionString", versionString).put("appVersionState", state)
        .put("releaseType", releaseType);
    if (date != null) {
      attributes.put("earliestReleaseDate", date);
    }
    Resource version = tx.insert("appStoreVersions", id, attributes);
    release.graph().link(tx, version, "app", app);
    return version;
  }

  private void info(StoreTx tx, Resource app, String id, String state) {
    release.graph().link(tx, tx.insert("appInfos", id, JSON.createObjectNode().put("state", state)), "app", app);
  }

  /** Loads an IN_REVIEW version of the release type and approves it, as App Review does. */
  private String approve(String releaseType, String date) {
    return store.write(TEAM, tx -> {
      Resource version = version(tx, tx.find("apps", "app").orElseThrow(), "next", "1.1", "IN_REVIEW", releaseType, date);
      return releases.approved(tx, version).attributes().path("appVersionState").asText();
    });
  }

  private String state(String type, String id, String attribute) {
    return store.read(TEAM, tx -> tx.find(type, id).orElseThrow().attributes().path(attribute).asText());
  }

  private void assertReleased() {
    assertThat(state("appStoreVersions", "next", "appVersionState")).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(state("appStoreVersions", "next", "appStoreState")).isEqualTo("READY_FOR_SALE");
    assertThat(state("appStoreVersions", "live", "appVersionState")).isEqualTo("REPLACED_WITH_NEW_VERSION");
    assertThat(state("appInfos", "info-live", "state")).isEqualTo("REPLACED_WITH_NEW_INFO");
    assertThat(state("appInfos", "info-next", "state")).isEqualTo("READY_FOR_DISTRIBUTION");
  }

  private static final List<String> RELEASED_FROM_REVIEW = List.of("next IN_REVIEW→PROCESSING_FOR_DISTRIBUTION",
      "next PROCESSING_FOR_DISTRIBUTION→READY_FOR_DISTRIBUTION", "live READY_FOR_DISTRIBUTION→REPLACED_WITH_NEW_VERSION");

  @Test
  void manualWaitsForTheDeveloper() {
    assertThat(approve("MANUAL", null)).isEqualTo("PENDING_DEVELOPER_RELEASE");
    assertThat(events).containsExactly("next IN_REVIEW→PENDING_DEVELOPER_RELEASE");
    assertThat(state("appInfos", "info-next", "state")).isEqualTo("PENDING_RELEASE");
    assertThat(state("appStoreVersions", "live", "appVersionState")).isEqualTo("READY_FOR_DISTRIBUTION");
  }

  @Test
  void afterApprovalGoesLiveAtOnce() {
    assertThat(approve("AFTER_APPROVAL", null)).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(events).containsExactlyElementsOf(RELEASED_FROM_REVIEW);
    assertReleased();
  }

  @Test
  void scheduledWaitsInPendingAppleReleaseUntilItsDate() {
    assertThat(approve("SCHEDULED", "2026-11-26T18:00:00Z")).isEqualTo("PENDING_APPLE_RELEASE");
    assertThat(events).containsExactly("next IN_REVIEW→PENDING_APPLE_RELEASE");
    scheduler.advance(Duration.between(T0, Instant.parse("2026-11-26T17:59:59Z")));
    assertThat(state("appStoreVersions", "next", "appVersionState")).isEqualTo("PENDING_APPLE_RELEASE");
    scheduler.advance(Duration.ofSeconds(1));
    assertReleased();
    assertThat(events).containsExactly("next IN_REVIEW→PENDING_APPLE_RELEASE", "next PENDING_APPLE_RELEASE→PROCESSING_FOR_DISTRIBUTION",
        "next PROCESSING_FOR_DISTRIBUTION→READY_FOR_DISTRIBUTION", "live READY_FOR_DISTRIBUTION→REPLACED_WITH_NEW_VERSION");
  }

  @Test
  void aScheduledDateAlreadyPastReleasesAtOnce() {
    assertThat(approve("SCHEDULED", "2026-11-20T18:00:00-08:00")).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(events).containsExactlyElementsOf(RELEASED_FROM_REVIEW);
  }

  @Test
  void aReleaseStartsTheVersionsPhasedRelease() {
    store.write(TEAM, tx -> {
      Resource version = version(tx, tx.find("apps", "app").orElseThrow(), "next", "1.1", "IN_REVIEW", "AFTER_APPROVAL", null);
      Resource phased = tx.insert(PhasedReleaseClock.TYPE, "phased", JSON.createObjectNode().put("phasedReleaseState", "INACTIVE"));
      release.graph().link(tx, phased, "appStoreVersion", version);
      releases.approved(tx, version);
      return null;
    });
    assertThat(state(PhasedReleaseClock.TYPE, "phased", "phasedReleaseState")).isEqualTo("ACTIVE");
    assertThat(state(PhasedReleaseClock.TYPE, "phased", "startDate")).isEqualTo(T0.toString());
    scheduler.advance(Duration.ofDays(6));
    assertThat(state(PhasedReleaseClock.TYPE, "phased", "currentDayNumber")).isEqualTo("7");
    scheduler.advance(Duration.ofDays(1));
    assertThat(state(PhasedReleaseClock.TYPE, "phased", "phasedReleaseState")).isEqualTo("COMPLETE");
  }

  @Test
  void adoptedResourcesGetTheirPendingWorkOnce() {
    store.write(TEAM, tx -> {
      Resource app = tx.find("apps", "app").orElseThrow();
      Resource scheduled = version(tx, app, "scheduled", "1.1", "PENDING_APPLE_RELEASE", "SCHEDULED", "2026-11-25T08:00:00Z");
      Resource held = tx.insert("appStoreVersions", "held", JSON.createObjectNode().put("appVersionState", "PENDING_APPLE_RELEASE"));
      Resource active = tx.insert(PhasedReleaseClock.TYPE, "active", JSON.createObjectNode().put("phasedReleaseState", "ACTIVE")
          .put("startDate", "2026-11-23T10:00:00Z").put("currentDayNumber", 2));
      Resource paused = tx.insert(PhasedReleaseClock.TYPE, "paused", JSON.createObjectNode().put("phasedReleaseState", "PAUSED"));
      Resource inactive = tx.insert(PhasedReleaseClock.TYPE, "inactive", JSON.createObjectNode().put("phasedReleaseState", "INACTIVE"));
      for (Resource r : List.of(scheduled, held, active, paused, inactive, scheduled, active, paused)) {
        releases.adopt(tx, tx.find(r.type(), r.id()).orElseThrow());
      }
      assertThat(due(tx, Releases.SCHEDULED_TASK)).containsExactly("scheduled@2026-11-25T08:00:00Z");
      // day 2 (of a start a day ago) ends two days after the start
      assertThat(due(tx, PhasedReleaseClock.DAY_TASK)).containsExactly("active@2026-11-25T10:00:00Z");
      assertThat(due(tx, PhasedReleaseClock.RESUME_TASK)).containsExactly("paused@" + T0.plus(Duration.ofDays(30)));
      return null;
    });
    scheduler.advance(Duration.ofDays(1));
    assertThat(state("appStoreVersions", "scheduled", "appVersionState")).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(state(PhasedReleaseClock.TYPE, "active", "currentDayNumber")).isEqualTo("3");
    assertThat(state("appStoreVersions", "held", "appVersionState")).as("no date: held").isEqualTo("PENDING_APPLE_RELEASE");
  }

  private static List<String> due(StoreTx tx, String kind) {
    return tx.scheduled(kind).stream().map(t -> t.payload().path(dev.braeburn.server.family.ResourceTasks.ID).asText() + "@" + t.dueAt()).toList();
  }
}
