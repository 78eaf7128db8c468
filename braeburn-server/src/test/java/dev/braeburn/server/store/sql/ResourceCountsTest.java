package dev.braeburn.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.store.Team;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-(team, type) counts behind an unfiltered listing's {@code meta.paging.total}
 * (resource_counts, kept by triggers: migration V5 on SQLite, V7 on PostgreSQL) always equal
 * {@code COUNT(*)} over {@code resources}, on both stores, through every kind of write.
 */
class ResourceCountsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static EmbeddedPostgres postgres;
  static final Map<String, SqlStore> STORES = new TreeMap<>();
  static int teams;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("braeburn-counts");
    STORES.put("sqlite", SqlStore.sqlite(dir, JSON, Clock.systemUTC()));
    postgres = EmbeddedPostgres.builder().start();
    STORES.put("postgres", SqlStore.postgres(postgres.getJdbcUrl("postgres", "postgres"), JSON, Clock.systemUTC()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (SqlStore s : STORES.values()) {
      s.close();
    }
    postgres.close();
  }

  private static String newTeam(SqlStore store) {
    String id = "team-" + (++teams);
    store.createTeam(id, id);
    return id;
  }

  private static void insert(SqlStore store, String team, String type, int count) {
    store.write(team, tx -> {
      for (int i = 0; i < count; i++) {
        tx.insert(type, type + "-" + java.util.UUID.randomUUID(), JSON.createObjectNode().put("i", i));
      }
      return null;
    });
  }

  private static Map<String, Long> counts(SqlStore store, String team) {
    return store.read(team, tx -> tx.countsByType());
  }

  /** The total an unfiltered, top-level listing reports. */
  private static long listed(SqlStore store, String team, String type) {
    return store.read(team, tx -> tx.list(new ListSpec(type, null, List.of(), List.of(), null, 1)).total());
  }

  /** Every (team, type) of resources and of resource_counts: stored count == COUNT(*), no deltas left behind. */
  private static void assertExact(SqlStore store) {
    store.read("", tx -> {
      SqlStoreTx sql = (SqlStoreTx) tx;
      Map<String, Long> counted = new TreeMap<>();
      sql.query(new SqlBuilder().sql("SELECT team_id, type, COUNT(*) FROM resources GROUP BY team_id, type"),
          rs -> counted.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)));
      Map<String, Long> stored = new TreeMap<>();
      sql.query(new SqlBuilder().sql("SELECT team_id, type, n FROM resource_counts WHERE n <> 0"),
          rs -> stored.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)));
      assertThat(stored).isEqualTo(counted);
      assertThat(sql.query(new SqlBuilder().sql("SELECT COUNT(*) FROM resource_count_deltas"), rs -> rs.getLong(1)).getFirst())
          .as("deltas are folded at commit").isZero();
      return null;
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void insertsDeletesAndResetsKeepTheCountExact(String which) {
    SqlStore store = STORES.get(which);
    String a = newTeam(store);
    String b = newTeam(store);
    insert(store, a, "bundleIds", 40);
    insert(store, a, "apps", 3);
    insert(store, b, "bundleIds", 7);
    List<String> ids = store.read(a, tx -> tx.list(new ListSpec("bundleIds", null, List.of(), List.of(), null, 200)).items()
        .stream().map(r -> r.id()).toList());
    store.write(a, tx -> {
      for (String id : ids.subList(0, 11)) {
        assertThat(tx.delete("bundleIds", id)).isTrue();
      }
      return null;
    });
    assertThat(listed(store, a, "bundleIds")).isEqualTo(29);
    assertThat((long) store.read(a, tx -> tx.count("bundleIds"))).isEqualTo(29);
    assertThat(listed(store, a, "apps")).isEqualTo(3);
    assertThat(listed(store, b, "bundleIds")).isEqualTo(7);
    assertThat(listed(store, a, "neverWritten")).isZero();
    assertExact(store);

    store.deleteResources(a);
    assertThat(listed(store, a, "bundleIds")).isZero();
    assertThat(listed(store, b, "bundleIds")).isEqualTo(7);
    assertExact(store);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aWriteTransactionCountsItsOwnWritesAndARollbackLeavesNoTrace(String which) {
    SqlStore store = STORES.get(which);
    String team = newTeam(store);
    insert(store, team, "bundleIds", 5);
    assertThatThrownBy(() -> store.write(team, tx -> {
      for (int i = 0; i < 3; i++) {
        tx.insert("bundleIds", "in-tx-" + i, JSON.createObjectNode());
      }
      assertThat(tx.list(new ListSpec("bundleIds", null, List.of(), List.of(), null, 1)).total()).isEqualTo(8);
      tx.delete("bundleIds", "in-tx-0");
      assertThat(tx.count("bundleIds")).isEqualTo(7);
      throw new IllegalStateException("roll back");
    })).hasMessage("roll back");
    assertThat(listed(store, team, "bundleIds")).isEqualTo(5);
    assertExact(store);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void countsByTypeAgreeWithTheCountsAlsoInsideAWriteAndLinksFromListEveryEdge(String which) {
    SqlStore store = STORES.get(which);
    String team = newTeam(store);
    insert(store, team, "bundleIds", 4);
    insert(store, team, "apps", 2);
    assertThat(counts(store, team)).containsExactly(Map.entry("apps", 2L), Map.entry("bundleIds", 4L));
    store.write(team, tx -> {
      var app = tx.insert("apps", "linked-app", JSON.createObjectNode());
      var build = tx.insert("builds", "b1", JSON.createObjectNode());
      var version = tx.insert("appStoreVersions", "v1", JSON.createObjectNode());
      tx.link(app, "builds", build);
      tx.link(app, "appStoreVersions", version);
      tx.link(build, "app", app);
      assertThat(tx.countsByType()).containsEntry("apps", 3L).containsEntry("builds", 1L); // its own writes, not folded yet
      assertThat(tx.linksFrom("apps", "linked-app")).containsExactly(
          Map.entry("appStoreVersions", List.of(version.linkage())), Map.entry("builds", List.of(build.linkage())));
      tx.delete("builds", "b1");
      assertThat(tx.countsByType()).doesNotContainKey("builds");
      return null;
    });
    assertThat(counts(store, team)).containsExactly(Map.entry("appStoreVersions", 1L), Map.entry("apps", 3L),
        Map.entry("bundleIds", 4L));
    assertThat(store.read(team, tx -> tx.linksFrom("apps", "linked-app")).keySet()).containsExactly("appStoreVersions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void manyWritesInOneTransactionAndConcurrentWritersStayExact(String which) throws Exception {
    SqlStore store = STORES.get(which);
    String big = newTeam(store);
    long started = System.nanoTime();
    insert(store, big, "bundleIds", 20_000);
    long insertMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(listed(store, big, "bundleIds")).isEqualTo(20_000);
    started = System.nanoTime();
    store.deleteResources(big);
    long deleteMs = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("%s: 20,000 inserts in one transaction %d ms, their team reset %d ms%n", which, insertMs, deleteMs);
    assertThat(listed(store, big, "bundleIds")).isZero();

    List<String> teamIds = List.of(newTeam(store), newTeam(store));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        String team = teamIds.get(t % 2);
        work.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            insert(store, team, "bundleIds", 1 + i % 3);
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (String team : teamIds) {
      assertThat(listed(store, team, "bundleIds")).isEqualTo(8 * (9 * 1 + 8 * 2 + 8 * 3));
    }
    assertExact(store);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void snapshotLoadsOfATeamAndOfTheServerKeepTheCountExact(String which) {
    SqlStore store = STORES.get(which);
    String team = newTeam(store);
    String other = newTeam(store);
    insert(store, team, "bundleIds", 30);
    insert(store, other, "bundleIds", 4);
    List<Consumer<StateSink>> teamRows = recorded(store, team);
    List<Consumer<StateSink>> serverRows = recorded(store, null);
    insert(store, team, "bundleIds", 12);
    insert(store, other, "bundleIds", 2);

    store.importState(team, sink -> teamRows.forEach(row -> row.accept(sink)));
    assertThat(listed(store, team, "bundleIds")).isEqualTo(30);
    assertThat(listed(store, other, "bundleIds")).isEqualTo(6);
    assertExact(store);

    store.importState(null, sink -> serverRows.forEach(row -> row.accept(sink)));
    assertThat(listed(store, team, "bundleIds")).isEqualTo(30);
    assertThat(listed(store, other, "bundleIds")).isEqualTo(4);
    assertExact(store);
  }

  /** A snapshot (of one team, or with null of the server) as rows to replay. */
  private static List<Consumer<StateSink>> recorded(SqlStore store, String issuerId) {
    List<Consumer<StateSink>> rows = new ArrayList<>();
    store.exportState(issuerId, new StateSink() {
      @Override
      public void team(Team team) {
        rows.add(s -> s.team(team));
      }

      @Override
      public void key(ApiKey key) {
        rows.add(s -> s.key(key));
      }

      @Override
      public void resource(StoredResource resource) {
        rows.add(s -> s.resource(resource));
      }

      @Override
      public void link(StoredLink link) {
        rows.add(s -> s.link(link));
      }

      @Override
      public void task(StoredTask task) {
        rows.add(s -> s.task(task));
      }
    });
    return rows;
  }
}
