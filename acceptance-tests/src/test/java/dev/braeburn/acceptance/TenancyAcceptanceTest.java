package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.seed.Datasets;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import dev.braeburn.spec.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenancy (docs/auth.md, "Tenancy"): a key of team B never sees, changes or learns the existence of team
 * A's resources — Apple answers 404, never the data. Team A is the demo team plus one injected
 * resource of every type the seed lacks (ids {@code tenantA-<type>}), linked through every
 * relationship; team B has only the reference catalogues every team gets (territories, app
 * categories, Xcode Cloud versions …, same ids in every team, so excluded from the leak check).
 * Every GET operation of the spec is called with an Admin key of each team: B must never find one
 * of A's ids in a body (ids the request itself carries, echoed in links and error details, aside),
 * must get 404 wherever it addresses an A resource, and A must see its own data on most of the same
 * operations so that the walk cannot pass vacuously.
 */
class TenancyAcceptanceTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PREFIX = "tenantA-";
  /** An id no team has: B's answer for it is what B must get for an id of A. */
  private static final String MISSING = "tenancy-missing-id";
  private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_-]+");

  private static final Spec SPEC = Spec.load();
  /** One id of team A per resource type (a reference id for reference types). */
  private static final EveryTypeFixture FIXTURE = new EveryTypeFixture(SPEC, PREFIX);
  /** Every id of team A that is not reference data → its type. */
  private static final Map<String, String> A_IDS = new HashMap<>();
  private static final Set<String> REFERENCE_TYPES = new TreeSet<>();

  static TestServer server;
  static String tokenA;
  static String tokenB;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo");
    tokenA = server.token();
    seedTeamA();
    String teamB = server.createTeam("Team B");
    tokenB = server.createKey("ADMIN", teamB).token();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // ---------------------------------------------------------------- fixtures

  /** Team A: the demo seed, plus one resource per type it lacks, linked like the conformance walk does. */
  private static void seedTeamA() {
    Datasets datasets = new Datasets(TestServer.JSON);
    for (JsonNode r : datasets.reference()) {
      REFERENCE_TYPES.add(r.path("type").asText());
      FIXTURE.known(r.path("type").asText(), r.path("id").asText());
    }
    for (JsonNode r : datasets.seed("demo")) {
      if (!EveryTypeFixture.IN_FLIGHT.contains(r.path("type").asText())) { // team A's own are made for app 1600000001
        FIXTURE.known(r.path("type").asText(), r.path("id").asText());
      }
      A_IDS.put(r.path("id").asText(), r.path("type").asText());
    }
    FIXTURE.prefer("apps", "1600000001");
    ArrayNode data = FIXTURE.missingResources();
    data.forEach(r -> A_IDS.put(r.path("id").asText(), r.path("type").asText()));
    ObjectNode body = NODES.objectNode();
    body.set("data", data);
    TestServer.Reply reply = server.admin("POST", "/_braeburn/resources", body.toString(), server.issuerId);
    assertThat(reply.status()).as("admin load into team A: %s", reply.body()).isEqualTo(201);
    // Ids must be distinctive: none may also be a reference id (those are in every team).
    Set<String> referenceIds = new HashSet<>();
    datasets.reference().forEach(r -> referenceIds.add(r.path("id").asText()));
    assertThat(A_IDS.keySet()).doesNotContainAnyElementsOf(referenceIds);
    assertThat(A_IDS.keySet()).allMatch(id -> id.length() >= 8, "team A ids are distinctive (8+ characters)");
  }

  // ---------------------------------------------------------------- reads

  @Test
  void everyGetOperationHidesTeamAFromTeamB() {
    List<String> failures = new ArrayList<>();
    List<Operation> ops = new ArrayList<>(SPEC.operations().stream().filter(op -> op.method().equals("GET")).toList());
    ops.sort(Comparator.comparing(Operation::path));
    int collections = 0;
    int collectionsWithData = 0;
    int collectionsSeenByA = 0;
    int addressed = 0;
    int addressedFoundByA = 0;
    int addressedNotFoundForB = 0;
    for (Operation op : ops) {
      boolean byId = op.path().contains("{id}");
      String type = op.type();
      boolean reference = REFERENCE_TYPES.contains(type);
      String query = FIXTURE.queryWithIncludes(op);
      String url = (byId ? op.path().replace("{id}", FIXTURE.idFor(type)) : op.path()) + query;
      String call = "GET " + url + " (" + op.id() + ")";
      TestServer.Reply a = server.send("GET", url, null, tokenA);
      TestServer.Reply b = server.send("GET", url, null, tokenB);
      Set<String> echoed = tokens(url);
      leaks(b, echoed).forEach(id -> failures.add(call + ": team B's key sees team A's " + A_IDS.get(id) + " '" + id + "'"));
      if (!byId) {
        collections++;
        if (b.status() != 200 && b.status() != a.status()) {
          failures.add(call + ": team B's key got " + b.status() + " (team A's: " + a.status() + ") " + abbreviate(b.body()));
        }
        if (!reference && a.status() == 200) {
          collectionsWithData++;
          if (!leaks(a, echoed).isEmpty()) {
            collectionsSeenByA++;
          }
        }
        continue;
      }
      if (reference) {
        // a reference catalogue: B has its own copy, with the same ids
        if (b.status() != a.status()) {
          failures.add(call + ": reference data answers team B " + b.status() + " but team A " + a.status());
        }
        continue;
      }
      addressed++;
      if (a.status() == 200) {
        addressedFoundByA++;
      }
      // 400s for the query come before the lookup, for every team alike; anything else is a 404
      int expected = a.status() == 200 || a.status() == 404 ? 404 : a.status();
      if (b.status() != expected) {
        failures.add(call + ": team B's key got " + b.status() + ", expected " + expected + " " + abbreviate(b.body()));
        continue;
      }
      if (expected == 404) {
        addressedNotFoundForB++;
        if (!b.json().at("/errors/0/code").asText().equals("NOT_FOUND")) {
          failures.add(call + ": team B's 404 is not NOT_FOUND: " + abbreviate(b.body()));
        }
      }
      // B must not tell A's id from an id no team has
      String missingUrl = op.path().replace("{id}", MISSING) + query;
      TestServer.Reply none = server.send("GET", missingUrl, null, tokenB);
      String seen = errors(b, FIXTURE.idFor(type));
      String unseen = errors(none, MISSING);
      if (none.status() != b.status() || !seen.equals(unseen)) {
        failures.add(call + ": team B can tell team A's id from a missing one: " + b.status() + " " + seen
            + " vs " + none.status() + " " + unseen);
      }
    }
    assertThat(failures).as("tenancy failures over %d GET operations", ops.size()).isEmpty();
    assertThat(collections).as("GET_COLLECTION operations walked").isEqualTo(
        (int) SPEC.operations().stream().filter(op -> op.kind() == OperationKind.GET_COLLECTION).count());
    assertThat(collectionsSeenByA * 2)
        .as("collections where team A's key sees its own data (%d of %d)", collectionsSeenByA, collectionsWithData)
        .isGreaterThan(collectionsWithData);
    assertThat(addressedFoundByA * 2)
        .as("operations on a team A id that team A's key answers 200 (%d of %d)", addressedFoundByA, addressed)
        .isGreaterThan(addressed);
    assertThat(addressedNotFoundForB).as("404s to team B").isGreaterThanOrEqualTo(addressedFoundByA);
  }

  // ---------------------------------------------------------------- writes

  @Test
  void teamBCannotChangeTeamAsResources() {
    String app = "1600000001";
    JsonNode appBefore = server.send("GET", "/v1/apps/" + app, null, tokenA).json().path("data");
    List<String> groups = ids(server.send("GET", "/v1/apps/" + app + "/betaGroups", null, tokenA));
    assertThat(groups).as("team A's app has beta groups").isNotEmpty();
    String group = groups.getFirst();
    List<String> members = ids(server.send("GET", "/v1/betaGroups/" + group + "/relationships/betaTesters", null, tokenA));
    List<String> testers = ids(server.send("GET", "/v1/betaTesters?limit=200", null, tokenA));
    String outsider = testers.stream().filter(t -> !members.contains(t)).findFirst().orElse(testers.getFirst());
    String member = members.isEmpty() ? testers.getFirst() : members.getFirst();

    String patch = "{\"data\":{\"type\":\"apps\",\"id\":\"%s\",\"attributes\":{\"primaryLocale\":\"fr-FR\",\"contentRightsDeclaration\":\"USES_THIRD_PARTY_CONTENT\"}}}";
    assertNotFoundToB("PATCH", "/v1/apps/{id}", app, patch);
    assertNotFoundToB("DELETE", "/v1/betaGroups/{id}", group, null);
    String testerLinkage = "{\"data\":[{\"type\":\"betaTesters\",\"id\":\"%s\"}]}";
    assertNotFoundToB("POST", "/v1/betaGroups/{id}/relationships/betaTesters", group, testerLinkage.formatted(outsider));
    assertNotFoundToB("DELETE", "/v1/betaGroups/{id}/relationships/betaTesters", group, testerLinkage.formatted(member));

    // a create that links to A's app fails exactly as one linking to an app that does not exist
    String create = "{\"data\":{\"type\":\"betaGroups\",\"attributes\":{\"name\":\"Team B group\"},"
        + "\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"%s\"}},"
        + "\"betaTesters\":{\"data\":[{\"type\":\"betaTesters\",\"id\":\"%s\"}]}}}}";
    TestServer.Reply linked = server.send("POST", "/v1/betaGroups", create.formatted(app, member), tokenB);
    TestServer.Reply unknown = server.send("POST", "/v1/betaGroups", create.formatted(MISSING, MISSING), tokenB);
    assertThat(linked.status()).as("POST /v1/betaGroups linking team A's app with team B's key: %s", linked.body())
        .isBetween(400, 499).isEqualTo(unknown.status());
    assertThat(errors(linked, app).replace(member, "{id}"))
        .as("POST /v1/betaGroups linking team A's app/tester vs a missing one (team B's key)")
        .isEqualTo(errors(unknown, MISSING));
    assertThat(server.send("GET", "/v1/betaGroups", null, tokenB).json().path("data")).as("team B's beta groups").isEmpty();

    // A's data is unchanged, seen with A's key
    assertThat(server.send("GET", "/v1/apps/" + app, null, tokenA).json().path("data")).as("team A's app").isEqualTo(appBefore);
    assertThat(ids(server.send("GET", "/v1/apps/" + app + "/betaGroups", null, tokenA))).as("team A's beta groups").isEqualTo(groups);
    assertThat(ids(server.send("GET", "/v1/betaGroups/" + group + "/relationships/betaTesters", null, tokenA)))
        .as("team A's beta group members").isEqualTo(members);
  }

  /** B's key gets Apple's 404 for A's resource, indistinguishable from a missing id, and no team A data. */
  private static void assertNotFoundToB(String method, String template, String id, String body) {
    String call = method + " " + template.replace("{id}", id);
    TestServer.Reply reply = server.send(method, template.replace("{id}", id), body == null ? null : body.formatted(id), tokenB);
    assertThat(reply.status()).as("%s with team B's key: %s", call, reply.body()).isEqualTo(404);
    assertThat(reply.json().at("/errors/0/code").asText()).as(call).isEqualTo("NOT_FOUND");
    Set<String> echoed = tokens(call + " " + (body == null ? "" : body.formatted(id)));
    assertThat(leaks(reply, echoed)).as("%s: team A ids in team B's answer", call).isEmpty();
    TestServer.Reply none = server.send(method, template.replace("{id}", MISSING),
        body == null ? null : body.formatted(MISSING), tokenB);
    assertThat(errors(reply, id)).as("%s vs an id no team has", call).isEqualTo(errors(none, MISSING));
  }

  // ---------------------------------------------------------------- filters

  @Test
  void filtersOnTeamAIdsFindNothingForTeamB() {
    String app = "1600000001";
    for (String url : List.of("/v1/apps?filter[id]=" + app, "/v1/builds?filter[app]=" + app,
        "/v1/betaGroups?filter[app]=" + app, "/v1/preReleaseVersions?filter[app]=" + app,
        "/v1/reviewSubmissions?filter[app]=" + app, "/v1/betaAppReviewDetails?filter[app]=" + app)) {
      if (SPEC.operations().stream().noneMatch(op -> op.method().equals("GET") && url.startsWith(op.path() + "?"))) {
        continue; // not a top-level collection of this spec
      }
      TestServer.Reply a = server.send("GET", url, null, tokenA);
      TestServer.Reply b = server.send("GET", url, null, tokenB);
      assertThat(a.status()).as("GET %s with team A's key", url).isEqualTo(200);
      assertThat(a.json().path("data")).as("GET %s with team A's key", url).isNotEmpty();
      assertThat(b.status()).as("GET %s with team B's key: %s", url, b.body()).isEqualTo(200);
      assertThat(b.json().path("data")).as("GET %s with team B's key", url).isEmpty();
      assertThat(b.json().at("/meta/paging/total").asInt()).as("GET %s total for team B", url).isZero();
      assertThat(leaks(b, tokens(url))).as("GET %s: team A ids in team B's answer", url).isEmpty();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Id-like tokens of a text (JSON body or URL), percent-escapes treated as separators. */
  private static Set<String> tokens(String text) {
    Set<String> out = new HashSet<>();
    for (String t : NOT_ID.split(PERCENT_ESCAPE.matcher(text).replaceAll(" "))) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Team A ids in a reply's body, except those the request carried itself. */
  private static Set<String> leaks(TestServer.Reply reply, Set<String> echoed) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : tokens(reply.body() == null ? "" : reply.body())) {
      if (A_IDS.containsKey(t) && !echoed.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The errors of a reply (status, code, title, detail, source), with {@code id} replaced by a placeholder. */
  private static String errors(TestServer.Reply reply, String id) {
    JsonNode doc;
    try {
      doc = TestServer.JSON.readTree(reply.body());
    } catch (Exception e) {
      return reply.body();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : doc.path("errors")) {
      out.add(String.join("|", e.path("status").asText(), e.path("code").asText(), e.path("title").asText(),
          e.path("detail").asText(), e.path("source").toString()).replace(id, "{id}"));
    }
    return String.join("; ", out);
  }

  private static List<String> ids(TestServer.Reply reply) {
    List<String> out = new ArrayList<>();
    reply.json().path("data").forEach(r -> out.add(r.path("id").asText()));
    return out;
  }

  private static String abbreviate(String s) {
    String flat = s == null ? "" : s.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
