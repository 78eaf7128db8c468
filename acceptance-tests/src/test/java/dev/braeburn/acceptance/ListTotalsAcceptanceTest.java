package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code meta.paging.total} of an unfiltered top-level collection comes from counts kept by
 * database triggers, not from counting the rows. Whatever writes the resources — creates, deletes,
 * bulk admin loads, concurrent clients, a team reset, snapshot loads, a restart — the total on
 * every page equals the number of resources a full walk finds. Runs on SQLite and on PostgreSQL.
 */
class ListTotalsAcceptanceTest {

  /** A full walk: the distinct ids, and every total the pages reported. */
  record Walk(Set<String> ids, Set<Long> totals) {
    long total() {
      assertThat(totals).as("every page reports the same total").hasSize(1);
      return totals.iterator().next();
    }
  }

  private static Walk walk(TestServer server, String token, String first) {
    Set<String> ids = new HashSet<>();
    Set<Long> totals = new HashSet<>();
    String next = first;
    while (next != null) {
      TestServer.Reply reply = server.send("GET", next, null, token);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode doc = reply.json();
      doc.get("data").forEach(d -> assertThat(ids.add(d.get("id").asText())).as("duplicate %s", d).isTrue());
      totals.add(doc.at("/meta/paging/total").asLong());
      next = doc.at("/links/next").isMissingNode() ? null : doc.at("/links/next").asText();
    }
    return new Walk(ids, totals);
  }

  /** The total of an unfiltered listing equals what a walk finds; returns it. */
  private static long assertExact(TestServer server, String token, String collection) {
    Walk w = walk(server, token, collection + (collection.contains("?") ? "&" : "?") + "limit=200");
    assertThat(w.total()).as("total of %s", collection).isEqualTo(w.ids().size());
    return w.total();
  }

  private static String createBundleId(TestServer server, String token, String name) {
    TestServer.Reply r = server.send("POST", "/v1/bundleIds", "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"" + name.replaceAll("[^A-Za-z0-9]", " ") // names: letters, digits, spaces (provisioning.md §5.1)
        + "\",\"identifier\":\"dev.braeburn.totals." + name + "\",\"platform\":\"IOS\"}}}", token);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  private static void load(TestServer server, String issuer, String prefix, int count) {
    StringBuilder data = new StringBuilder("{\"data\":[");
    for (int i = 0; i < count; i++) {
      data.append(i == 0 ? "" : ",").append("{\"type\":\"bundleIds\",\"id\":\"").append(prefix).append(i)
          .append("\",\"attributes\":{\"name\":\"").append(prefix).append(i).append("\",\"identifier\":\"dev.braeburn.load.")
          .append(prefix).append(i).append("\",\"platform\":\"").append(i % 2 == 0 ? "IOS" : "MAC_OS").append("\"}}");
    }
    TestServer.Reply r = server.admin("POST", "/_braeburn/resources", data.append("]}").toString(), issuer);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static long total(TestServer server, String token, String pathAndQuery) {
    TestServer.Reply r = server.send("GET", pathAndQuery, null, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/meta/paging/total").asLong();
  }

  @Test
  void totalsStayExactThroughCreatesDeletesConcurrentClientsResetsSnapshotsAndRestarts() throws Exception {
    TestServer server = TestServer.start(null);
    boolean restartedAlready = false;
    try {
      String token = server.token();
      long base = assertExact(server, token, "/v1/bundleIds");
      long iosBase = total(server, token, "/v1/bundleIds?filter[platform]=IOS&limit=1");
      long macBase = total(server, token, "/v1/bundleIds?filter[platform]=MAC_OS&limit=1");
      long apps = assertExact(server, token, "/v1/apps");

      // creates through the API and a bulk admin load (one transaction of 450)
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        created.add(createBundleId(server, token, "c" + i));
      }
      load(server, null, "bulk-", 450);
      assertThat(assertExact(server, token, "/v1/bundleIds")).isEqualTo(base + 475);
      // a narrowed listing still counts its own rows, and agrees with the unfiltered one
      long ios = total(server, token, "/v1/bundleIds?filter[platform]=IOS&limit=1");
      long mac = total(server, token, "/v1/bundleIds?filter[platform]=MAC_OS&limit=1");
      assertThat(ios).isEqualTo(iosBase + 25 + 225);
      assertThat(mac).isEqualTo(macBase + 225);
      assertThat(total(server, token, "/v1/bundleIds?filter[id]=bulk-1,bulk-2,nope&limit=1")).isEqualTo(2);

      // deletes
      for (String id : created.subList(0, 10)) {
        assertThat(server.send("DELETE", "/v1/bundleIds/" + id, null, token).status()).isEqualTo(204);
      }
      for (int i = 0; i < 7; i++) {
        assertThat(server.send("DELETE", "/v1/bundleIds/bulk-" + i, null, token).status()).isEqualTo(204);
      }
      assertThat(server.send("DELETE", "/v1/bundleIds/bulk-0", null, token).status()).as("already gone").isEqualTo(404);
      long afterDeletes = assertExact(server, token, "/v1/bundleIds");
      assertThat(afterDeletes).isEqualTo(base + 475 - 17);
      assertThat(assertExact(server, token, "/v1/apps")).isEqualTo(apps);

      // concurrent creates from several clients
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          String name = "par" + i;
          futures.add(pool.submit(() -> createBundleId(server, token, name)));
        }
        for (Future<String> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      long afterConcurrent = assertExact(server, token, "/v1/bundleIds");
      assertThat(afterConcurrent).isEqualTo(afterDeletes + 64);

      // a second team: its own counts, untouched by the first team's reset
      String other = server.createTeam("Totals Other");
      TestServer.Key otherKey = server.createKey("ADMIN", other);
      long otherBase = assertExact(server, otherKey.token(), "/v1/bundleIds");
      load(server, other, "theirs-", 33);
      assertThat(assertExact(server, otherKey.token(), "/v1/bundleIds")).isEqualTo(otherBase + 33);

      // snapshots of the server and of the first team, taken now
      TestServer.Reply serverSnapshot = server.admin("GET", "/_braeburn/snapshot", null, null);
      assertThat(serverSnapshot.status()).isEqualTo(200);
      TestServer.Reply teamSnapshot = server.admin("GET", "/_braeburn/snapshot", null, server.issuerId);
      assertThat(teamSnapshot.status()).isEqualTo(200);

      // team reset: the first team is back to its reference data; the other team keeps its own
      assertThat(server.admin("POST", "/_braeburn/reset", null, server.issuerId).status()).isEqualTo(204);
      assertThat(assertExact(server, token, "/v1/bundleIds")).isEqualTo(base);
      assertThat(assertExact(server, token, "/v1/apps")).isEqualTo(apps);
      assertThat(assertExact(server, otherKey.token(), "/v1/bundleIds")).isEqualTo(otherBase + 33);

      // a team snapshot load brings the first team back; the other team goes on
      load(server, other, "later-", 5);
      TestServer.Reply loaded = server.admin("POST", "/_braeburn/snapshot", teamSnapshot.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(assertExact(server, token, "/v1/bundleIds")).isEqualTo(afterConcurrent);
      assertThat(assertExact(server, otherKey.token(), "/v1/bundleIds")).isEqualTo(otherBase + 38);

      // a server snapshot load replaces everything, both teams
      createBundleId(server, token, "after-team-load");
      loaded = server.admin("POST", "/_braeburn/snapshot", serverSnapshot.body(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(assertExact(server, token, "/v1/bundleIds")).isEqualTo(afterConcurrent);
      assertThat(assertExact(server, otherKey.token(), "/v1/bundleIds")).isEqualTo(otherBase + 33);

      // a reset of every team, then a restart on the same data: the counts are stored, not cached
      assertThat(server.admin("POST", "/_braeburn/reset", null, null).status()).isEqualTo(204);
      load(server, null, "post-reset-", 12);
      TestServer restarted = server.restart();
      restartedAlready = true;
      try {
        assertThat(assertExact(restarted, token, "/v1/bundleIds")).isEqualTo(base + 12);
        assertThat(assertExact(restarted, otherKey.token(), "/v1/bundleIds")).isEqualTo(otherBase);
        assertThat(assertExact(restarted, token, "/v1/apps")).isEqualTo(apps);
      } finally {
        restarted.close();
      }
    } finally {
      if (!restartedAlready) {
        server.close();
      }
    }
  }
}
