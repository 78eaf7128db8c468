package dev.braeburn.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.store.LinkSlice;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code linkedBatch} answers one source (every single-resource GET) exactly as it answers that
 * source among several: the first {@code limit} targets in link order, and the total. (A separate
 * query for one source was tried and measured slower; docs/benchmarks.md §4, fifth pass.)
 */
class LinkedBatchTest {
  @BeforeAll
  static void start() throws Exception {
    ResourceCountsTest.start();
  }

  @AfterAll
  static void stop() throws Exception {
    ResourceCountsTest.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void oneSourceAsAmongSeveral(String which) {
    SqlStore store = ResourceCountsTest.STORES.get(which);
    String team = "batch-" + which;
    store.createTeam(team, team);
    store.write(team, tx -> {
      Resource a = tx.insert("apps", "A", ResourceCountsTest.JSON.createObjectNode());
      tx.insert("apps", "B", ResourceCountsTest.JSON.createObjectNode());
      for (int i = 0; i < 3; i++) {
        tx.link(a, "builds", tx.insert("builds", "b" + i, ResourceCountsTest.JSON.createObjectNode()));
      }
      return null;
    });
    store.read(team, tx -> {
      Map<String, LinkSlice> alone = tx.linkedBatch("apps", List.of("A"), "builds", 2);
      Map<String, LinkSlice> among = tx.linkedBatch("apps", List.of("A", "B"), "builds", 2);
      assertThat(alone).isEqualTo(Map.of("A", among.get("A")));
      assertThat(alone.get("A").first()).containsExactly(new Linkage("builds", "b0"), new Linkage("builds", "b1"));
      assertThat(alone.get("A").total()).isEqualTo(3);
      assertThat(tx.linkedBatch("apps", List.of("B"), "builds", 2)).isEmpty();
      assertThat(among).doesNotContainKey("B");
      return null;
    });
  }
}
