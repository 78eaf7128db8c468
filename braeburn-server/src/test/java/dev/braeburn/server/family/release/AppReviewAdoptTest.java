package dev.braeburn.server.family.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AppReview#adopt}: a submission that arrives through an admin or seed load already
 * WAITING_FOR_REVIEW or IN_REVIEW gets its review tasks once, timed from the load; a draft or a
 * decided one gets none.
 */
class AppReviewAdoptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path dir;
  private SqlStore store;
  private AppReview review;

  @BeforeEach
  void open() {
    Clock wall = Clock.fixed(T0, ZoneOffset.UTC);
    VirtualClock clock = new VirtualClock(wall);
    store = SqlStore.sqlite(dir, JSON, clock);
    store.createTeam("team", "Team");
    ResourceModel model = new ResourceModel(Spec.load());
    Scheduler scheduler = new Scheduler(store, clock, wall);
    EngineServices services = new EngineServices(model, store, new DocumentWriter(model, JSON), new Relations(model), new IdGenerator(),
        clock, scheduler, JSON, TypeRules.load(model));
    Release release = Release.of(services, WebhookEvents.NONE, new ReviewSettings(Duration.ofHours(24), Duration.ofHours(20)));
    review = new AppReview(release, new Releases(release), dev.braeburn.server.family.ProductReviewItems.NONE);
    review.install(new FamilyContext(services, new HandlerRegistry(), scheduler, new PublicRoutes(), WebhookEvents.NONE));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aLoadedSubmissionUnderReviewGetsItsTasksOnce() {
    store.write("team", tx -> {
      Resource waiting = submission(tx, "waiting", "WAITING_FOR_REVIEW");
      review.adopt(tx, waiting);
      review.adopt(tx, waiting);
      assertThat(dueTimes(tx, waiting, AppReview.START_TASK)).containsExactly(T0.plus(Duration.ofHours(20)));
      assertThat(dueTimes(tx, waiting, AppReview.AUTO_APPROVE_TASK)).containsExactly(T0.plus(Duration.ofHours(24)));

      Resource inReview = submission(tx, "in-review", "IN_REVIEW");
      review.adopt(tx, inReview);
      review.adopt(tx, inReview);
      assertThat(dueTimes(tx, inReview, AppReview.START_TASK)).as("already started").isEmpty();
      assertThat(dueTimes(tx, inReview, AppReview.AUTO_APPROVE_TASK)).containsExactly(T0.plus(Duration.ofHours(24)));

      for (String state : List.of("READY_FOR_REVIEW", "UNRESOLVED_ISSUES", "COMPLETE")) {
        Resource other = submission(tx, state, state);
        review.adopt(tx, other);
        assertThat(dueTimes(tx, other, AppReview.START_TASK)).as(state).isEmpty();
        assertThat(dueTimes(tx, other, AppReview.AUTO_APPROVE_TASK)).as(state).isEmpty();
      }
      return null;
    });
  }

  private static Resource submission(StoreTx tx, String id, String state) {
    return tx.insert(Submissions.TYPE, id, JSON.createObjectNode().put("state", state).put("platform", "IOS"));
  }

  private List<Instant> dueTimes(StoreTx tx, Resource submission, String kind) {
    return review.scheduled(tx, submission, kind).stream().map(t -> t.dueAt()).toList();
  }
}
