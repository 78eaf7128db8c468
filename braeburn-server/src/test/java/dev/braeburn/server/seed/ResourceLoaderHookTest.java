package dev.braeburn.server.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.engine.Relations;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.sql.SqlStore;
import dev.braeburn.spec.Spec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The families' {@code afterLoad} hook (family.Family): every load calls it once, inside the load's
 * own transaction, with the resources it wrote — their links already made — so work a family
 * schedules there commits with the load, and a hook that refuses rolls the whole load back.
 */
class ResourceLoaderHookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM = "team-a";
  private static final ResourceModel MODEL = new ResourceModel(Spec.load());

  @TempDir Path dir;
  private SqlStore store;
  private final ResourceLoader loader = new ResourceLoader(MODEL, new Relations(MODEL));

  @BeforeEach
  void open() {
    store = SqlStore.sqlite(dir, JSON, new VirtualClock(Clock.systemUTC()));
    store.createTeam(TEAM, "A");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static JsonNode data(String json) throws Exception {
    return JSON.readTree(json).get("data");
  }

  @Test
  void theHookSeesEveryLoadedResourceWithItsLinksAndItsWorkCommitsWithTheLoad() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    loader.afterLoad((tx, loaded) -> {
      calls.add(loaded.stream().map(r -> r.type() + "/" + r.id()).toList());
      Resource review = loaded.stream().filter(r -> r.type().equals("customerReviews")).findFirst().orElseThrow();
      assertThat(tx.linked("customerReviews", review.id(), MODEL.relationship("customerReviews", "response").storage()))
          .as("links are made before the hook runs").hasSize(1);
      tx.schedule("test.afterLoad", Instant.parse("2030-01-01T00:00:00Z"), JSON.createObjectNode().put("review", review.id()));
    });
    JsonNode data = data("""
        {"data":[
          {"type":"customerReviews","id":"r1","attributes":{"rating":5},
           "relationships":{"response":{"data":{"type":"customerReviewResponses","id":"p1"}}}},
          {"type":"customerReviewResponses","id":"p1","attributes":{"responseBody":"Thanks","state":"PENDING_PUBLISH"}}]}""");
    store.write(TEAM, tx -> loader.load(tx, data));

    assertThat(calls).containsExactly(List.of("customerReviews/r1", "customerReviewResponses/p1"));
    List<?> scheduled = store.read(TEAM, tx -> tx.scheduled("test.afterLoad"));
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void aHookThatRefusesRollsTheWholeLoadBack() throws Exception {
    loader.afterLoad((tx, loaded) -> {
      throw new IllegalStateException("refused");
    });
    JsonNode data = data("{\"data\":[{\"type\":\"customerReviews\",\"id\":\"r2\",\"attributes\":{\"rating\":1}}]}");
    assertThatThrownBy(() -> store.write(TEAM, tx -> loader.load(tx, data))).hasMessage("refused");
    java.util.Optional<Resource> found = store.read(TEAM, tx -> tx.find("customerReviews", "r2"));
    assertThat(found).isEmpty();
  }
}
