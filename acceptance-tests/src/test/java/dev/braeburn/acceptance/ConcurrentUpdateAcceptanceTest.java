package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that change the same resource at the same time: every acknowledged change survives (no
 * lost update), because a write reads, merges and writes inside one transaction that holds the
 * team's write lock (ARCHITECTURE.md, "Isolation"). On PostgreSQL the writers are spread over two
 * instances sharing the database, as behind a load balancer.
 */
class ConcurrentUpdateAcceptanceTest {
  /** Apple's writable attributes of an App Store version localization (AppStoreVersionLocalizationUpdateRequest). */
  private static final List<String> ATTRIBUTES = List.of("description", "keywords", "marketingUrl", "promotionalText", "supportUrl", "whatsNew");
  private static final String LOCALIZATION = "cddec1c8-5ede-52c2-ad7e-1025e2774d7e"; // demo seed: the editable 3.5.0's en-US (a live one is locked)
  private static final String GROUP = "53426e75-a6e6-5d20-b28a-5d6137ef39b4"; // demo seed: an external group (internal ones take team users only)
  private static final int ROUNDS = 15;

  static TestServer server;
  static BraeburnServer second;

  @BeforeAll
  static void start() throws Exception {
    if (TestDatabases.postgres()) {
      String url = TestDatabases.freshPostgresDatabase();
      server = TestServer.start("demo", c -> c.withStore("postgres", url).withHourlyLimit(0));
      second = BraeburnServer.start(Config.defaults().withHost("127.0.0.1").withPort(0).withQuiet(true)
              .withDataDir(Files.createTempDirectory("braeburn-second")).withStore("postgres", url).withHourlyLimit(0),
          new PrintStream(PrintStream.nullOutputStream()));
    } else {
      server = TestServer.start("demo");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (second != null) {
      second.close();
    }
    server.close();
  }

  /** Writer {@code n}'s instance: alternating between the two when there are two. */
  private static String on(int n, String path) {
    int port = second != null && n % 2 == 1 ? second.port() : server.server.port();
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void concurrentPatchesOfDifferentAttributesOfOneResourceAllLand() throws Exception {
    String token = server.token();
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < ATTRIBUTES.size(); w++) {
      int writer = w;
      writers.add(() -> {
        for (int round = 0; round < ROUNDS; round++) {
          String body = "{\"data\":{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + LOCALIZATION + "\",\"attributes\":{\""
              + ATTRIBUTES.get(writer) + "\":\"" + value(writer, round) + "\"}}}";
          TestServer.Reply r = server.send("PATCH", on(writer, "/v1/appStoreVersionLocalizations/" + LOCALIZATION), body, token);
          assertThat(r.status()).as(r.body()).isEqualTo(200);
          assertThat(r.json().path("data").path("attributes").path(ATTRIBUTES.get(writer)).asText()).isEqualTo(value(writer, round));
        }
        return null;
      });
    }
    runTogether(writers);

    JsonNode attributes = server.send("GET", "/v1/appStoreVersionLocalizations/" + LOCALIZATION, null, token)
        .json().path("data").path("attributes");
    for (int w = 0; w < ATTRIBUTES.size(); w++) {
      assertThat(attributes.path(ATTRIBUTES.get(w)).asText()).as(ATTRIBUTES.get(w)).isEqualTo(value(w, ROUNDS - 1));
    }
  }

  @Test
  void concurrentAdditionsToOneToManyRelationshipAllLand() throws Exception {
    String token = server.token();
    Set<String> before = linkedTesters(token);
    List<String> testers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      TestServer.Reply created = server.send("POST", "/v1/betaTesters",
          "{\"data\":{\"type\":\"betaTesters\",\"attributes\":{\"email\":\"concurrent" + i + "@example.com\"}}}", token);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      testers.add(created.json().path("data").path("id").asText());
    }
    List<Callable<Void>> adders = new ArrayList<>();
    for (int i = 0; i < testers.size(); i++) {
      int n = i;
      adders.add(() -> {
        TestServer.Reply r = server.send("POST", on(n, "/v1/betaGroups/" + GROUP + "/relationships/betaTesters"),
            "{\"data\":[{\"type\":\"betaTesters\",\"id\":\"" + testers.get(n) + "\"}]}", token);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return null;
      });
    }
    runTogether(adders);

    Set<String> after = linkedTesters(token);
    assertThat(after).containsAll(before).containsAll(testers).hasSize(before.size() + testers.size());
    for (String tester : testers) { // and the inverse side, written in the same transactions
      JsonNode groups = server.send("GET", "/v1/betaTesters/" + tester + "/relationships/betaGroups", null, token).json().path("data");
      assertThat(groups.findValuesAsText("id")).containsExactly(GROUP);
    }
  }

  private static Set<String> linkedTesters(String token) {
    Set<String> ids = new HashSet<>();
    String next = "/v1/betaGroups/" + GROUP + "/relationships/betaTesters?limit=200";
    while (next != null) {
      JsonNode page = server.send("GET", next, null, token).json();
      page.path("data").forEach(l -> ids.add(l.path("id").asText()));
      next = page.path("links").path("next").isMissingNode() ? null : page.path("links").path("next").asText();
    }
    return ids;
  }

  private static String value(int writer, int round) {
    return "https://example.com/w" + writer + "/r" + round;
  }

  /** Starts every task at the same moment (one latch) and rethrows the first failure. */
  private static void runTogether(List<Callable<Void>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(pool.submit(() -> {
          go.await();
          return task.call();
        }));
      }
      go.countDown();
      for (Future<Void> f : futures) {
        f.get();
      }
    }
  }
}
