package dev.braeburn.acceptance;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.ApiKeyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a server is killed with SIGKILL in the middle of a burst of writes from several
 * clients, restarted on the same data (SQLite file or PostgreSQL database), and must show every
 * write it acknowledged, exactly as acknowledged, and nothing half-written. Writes whose answer the
 * kill cut off may or may not be there, but only whole.
 *
 * <p>The writes are multi-row changes, so a torn transaction would show: a capability is a resource
 * plus a link to its bundle ID (and the inverse edge), a profile is a resource plus links to a
 * bundle ID, a certificate and devices; PATCHes change several attributes at once.
 *
 * <p>The server runs in a child JVM ({@link ChildServerMain}) because only a process of its own can
 * be killed without mercy. On PostgreSQL only that child dies; the database, in this JVM, lives on.
 */
class CrashDurabilityAcceptanceTest {
  static final int WORKERS = 8;
  /** Enough to fill several pages of every list (limit=200) and keep the test well under 20 s. */
  static final int ACKS_BEFORE_KILL = 400;
  static final List<String> TOP_LEVEL = List.of("bundleIds", "certificates", "devices", "profiles");

  /** Kept when the test fails: the SQLite file and the children's stderr ({@code child-stderr.log}) are the evidence. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dataDir;

  @Test
  @Timeout(value = 180, unit = SECONDS)
  void acknowledgedWritesSurviveKillNineAndNothingHalfWrittenIsVisible() throws Exception {
    String jdbcUrl = TestDatabases.postgres() ? TestDatabases.freshPostgresDatabase() : null;
    ApiKeyFile key;
    Map<String, Set<String>> baseline;
    Burst burst;
    try (Child first = Child.start(dataDir, jdbcUrl)) {
      JsonNode ready = first.ready;
      assertThat(ready.has("keyFile")).as("first start on an empty data directory: %s", ready).isTrue();
      key = ApiKeyFile.fromFile(Path.of(ready.get("keyFile").asText()), ready.get("keyId").asText(), ready.get("issuerId").asText());
      Api api = new Api(first.baseUrl(), key);
      baseline = new HashMap<>(); // whatever a new team starts with is not the burst's to account for
      Verifier before = new Verifier(api, List.of());
      for (String type : TOP_LEVEL) {
        baseline.put(type, before.walk("/v1/" + type + "?limit=200").keySet());
      }
      assertThat(before.problems).isEmpty();
      burst = new Burst(api, ACKS_BEFORE_KILL);
      burst.start();
      assertThat(burst.enough.await(60, SECONDS)).as("%d writes acknowledged within 60 s", ACKS_BEFORE_KILL).isTrue();
      burst.killed = true;
      first.kill();
      burst.join(Duration.ofSeconds(30));
    }
    assertThat(burst.failures).as("the burst before the kill").isEmpty();
    List<Attempt> attempts = burst.attempts();
    long acknowledged = attempts.stream().filter(Attempt::acknowledged).count();
    long cutOff = attempts.size() - acknowledged;
    assertThat(acknowledged).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(cutOff).as("writes cut off by the kill: the kill must land in the middle of the burst").isPositive();

    try (Child second = Child.start(dataDir, jdbcUrl)) {
      assertThat(second.ready.has("keyFile")).as("the restart found its team and key: %s", second.ready).isFalse();
      Verifier verifier = new Verifier(new Api(second.baseUrl(), key), attempts);
      List<String> problems = verifier.check(baseline);
      assertThat(problems).as("after kill -9 with %d acknowledged and %d cut-off writes (%s; data in %s)", acknowledged, cutOff,
          verifier.summary(), dataDir).isEmpty();
    }
  }

  /** One write the burst sent; {@link #acknowledge} records the server's 2xx answer. */
  static final class Attempt {
    final String type;
    /** The resource a PATCH changed; null for a create. */
    final String patched;
    final ObjectNode sent;
    /** Relationship name → target ids, as sent with a create. */
    final Map<String, Set<String>> links;
    String id;
    /** The attributes of the resource as the 2xx answer showed them; null while unacknowledged. */
    ObjectNode answered;

    Attempt(String type, String patched, ObjectNode sent, Map<String, Set<String>> links) {
      this.type = type;
      this.patched = patched;
      this.sent = sent;
      this.links = links;
      this.id = patched;
    }

    boolean acknowledged() {
      return answered != null;
    }

    void acknowledge(JsonNode data) {
      id = data.path("id").asText();
      answered = (ObjectNode) data.path("attributes");
    }

    @Override
    public String toString() {
      return (patched == null ? "create " : "PATCH ") + type + (id == null ? "" : " " + id) + " " + sent + (links.isEmpty() ? "" : " " + links);
    }
  }

  /** The workers, the acknowledgement count that triggers the kill, and what went wrong before it. */
  static final class Burst {
    final Api api;
    final CountDownLatch enough;
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final List<Worker> workers = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    /** Set just before the SIGKILL: from then on a failed request is a cut-off write, not a failure. */
    volatile boolean killed;

    Burst(Api api, int acks) {
      this.api = api;
      this.enough = new CountDownLatch(acks);
    }

    void start() {
      for (int w = 0; w < WORKERS; w++) {
        Worker worker = new Worker(w, this);
        workers.add(worker);
        threads.add(Thread.ofPlatform().name("burst-" + w).start(worker::run));
      }
    }

    void fail(String why) {
      failures.add(why);
      while (enough.getCount() > 0) {
        enough.countDown(); // release the test thread at once: there is nothing to wait for
      }
    }

    /** Joins every worker; Thread.join also makes their attempts visible to this thread. */
    void join(Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      for (Thread t : threads) {
        t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        assertThat(t.isAlive()).as("%s stopped after the kill", t.getName()).isFalse();
      }
    }

    List<Attempt> attempts() {
      List<Attempt> all = new ArrayList<>();
      workers.forEach(w -> all.addAll(w.attempts));
      return all;
    }
  }

  /** Signals that the server went away during a request: the worker stops there. */
  static final class CutOff extends Exception {
    CutOff() {
      super(null, null, false, false);
    }
  }

  /**
   * One client writing as fast as the server answers, on resources of its own (so the order of
   * its PATCHes to a resource is the order they were applied in), each write with unique content
   * so that a write whose answer was lost can still be recognised after the restart.
   */
  static final class Worker {
    /** Capabilities with a setting, each with its setting key and options (a setting belongs to one capability: provisioning.md §5.2). */
    static final List<List<String>> CAPABILITIES = List.of(List.of("ICLOUD", "ICLOUD_VERSION", "XCODE_5", "XCODE_6"),
        List.of("DATA_PROTECTION", "DATA_PROTECTION_PERMISSION_LEVEL", "COMPLETE_PROTECTION", "PROTECTED_UNLESS_OPEN"),
        List.of("APPLE_ID_AUTH", "APPLE_ID_AUTH_APP_CONSENT", "PRIMARY_APP_CONSENT", "PRIMARY_APP_CONSENT"));
    static final List<String> CERTIFICATES = List.of("IOS_DEVELOPMENT", "IOS_DISTRIBUTION", "MAC_APP_DEVELOPMENT",
        "MAC_APP_DISTRIBUTION", "DEVELOPMENT", "DISTRIBUTION", "MAC_INSTALLER_DISTRIBUTION", "IOS_DISTRIBUTION");
    static final List<String> PROFILES = List.of("IOS_APP_DEVELOPMENT", "IOS_APP_STORE", "MAC_APP_DEVELOPMENT", "TVOS_APP_ADHOC");

    final int w;
    final Burst burst;
    final Random random;
    final List<Attempt> attempts = new ArrayList<>();
    final List<String> bundleIds = new ArrayList<>();
    final List<String> capabilities = new ArrayList<>();
    final List<String> devices = new ArrayList<>();
    String certificate;
    int n;

    Worker(int w, Burst burst) {
      this.w = w;
      this.burst = burst;
      this.random = new Random(w);
    }

    void run() {
      try {
        while (!burst.killed) {
          step();
        }
      } catch (CutOff expected) {
        // the kill (or a failure already recorded) ended this worker's burst
      } catch (RuntimeException e) {
        burst.fail("worker " + w + ": " + e);
      }
    }

    private void step() throws CutOff {
      if (certificate == null) {
        certificate = create("certificates", attributes("csrContent", Csrs.pem(Csrs.SHARED), "certificateType", CERTIFICATES.get(w)), Map.of());
        return;
      }
      String mark = "w" + w + "-n" + n;
      switch (n++ % 6) {
        case 0 -> bundleIds.add(create("bundleIds", attributes("name", "Crash " + mark.replaceAll("[^A-Za-z0-9]", " "), "identifier", "dev.braeburn.crash." + mark,
            "platform", pick(List.of("IOS", "MAC_OS")), "seedId", "SEED-" + mark), Map.of()));
        case 1 -> capabilities.add(create("bundleIdCapabilities", capability(mark), Map.of("bundleId", Set.of(bundleIds.getLast()))));
        case 2 -> devices.add(create("devices", attributes("name", "Device " + mark, "udid", String.format("00008101-%016X", ((long) w << 32) | n), "platform", "IOS"), Map.of()));
        case 3 -> patch("bundleIdCapabilities", pick(capabilities), capability(mark));
        case 4 -> patch("devices", pick(devices), attributes("name", "Device " + mark + " renamed", "status", pick(List.of("ENABLED", "DISABLED"))));
        default -> create("profiles", attributes("name", "Profile " + mark, "profileType", pick(PROFILES)),
            Map.of("bundleId", Set.of(pick(bundleIds)), "certificates", Set.of(certificate), "devices", new HashSet<>(List.of(pick(devices), pick(devices)))));
      }
    }

    /**
     * A capability write: the worker's capability type (fixed once set, type-rules.json) and two
     * settings that change together, each naming the write.
     */
    private ObjectNode capability(String mark) {
      List<String> capability = CAPABILITIES.get(w % CAPABILITIES.size());
      ObjectNode attrs = attributes("capabilityType", capability.get(0));
      var settings = attrs.putArray("settings");
      for (int i = 0; i < 2; i++) {
        ObjectNode setting = settings.addObject().put("key", capability.get(1)).put("name", mark);
        setting.putArray("options").addObject().put("key", pick(capability.subList(2, 4))).put("enabled", random.nextBoolean());
      }
      return attrs;
    }

    private String create(String type, ObjectNode attrs, Map<String, Set<String>> links) throws CutOff {
      ObjectNode data = TestServer.JSON.createObjectNode().put("type", type);
      data.set("attributes", attrs);
      ObjectNode relationships = links.isEmpty() ? null : data.putObject("relationships");
      links.forEach((rel, ids) -> {
        if (rel.equals("bundleId")) { // the one to-one: linkage is an object, not an array
          relationships.putObject(rel).putObject("data").put("type", "bundleIds").put("id", ids.iterator().next());
        } else {
          ArrayNode linkage = relationships.putObject(rel).putArray("data");
          ids.forEach(id -> linkage.addObject().put("type", rel).put("id", id));
        }
      });
      return write(new Attempt(type, null, attrs, links), "POST", "/v1/" + type, data);
    }

    private void patch(String type, String id, ObjectNode attrs) throws CutOff {
      ObjectNode data = TestServer.JSON.createObjectNode().put("type", type).put("id", id);
      data.set("attributes", attrs);
      write(new Attempt(type, id, attrs, Map.of()), "PATCH", "/v1/" + type + "/" + id, data);
    }

    /** Sends one write; recorded before it leaves, so a write the kill cut off is known too. */
    private String write(Attempt attempt, String method, String path, ObjectNode data) throws CutOff {
      attempts.add(attempt);
      TestServer.Reply reply;
      try {
        reply = burst.api.send(method, path, TestServer.JSON.createObjectNode().set("data", data));
      } catch (IOException e) {
        if (!burst.killed) {
          burst.fail(method + " " + path + " failed before the kill: " + e);
        }
        throw new CutOff();
      }
      if (reply.status() / 100 != 2) {
        burst.fail(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        throw new CutOff();
      }
      attempt.acknowledge(reply.json().path("data"));
      burst.enough.countDown();
      return attempt.id;
    }

    /** One of the worker's resources, or one of a few values: random, so PATCHes change attributes in every combination. */
    private String pick(List<String> choices) {
      return choices.get(random.nextInt(choices.size()));
    }

    private static ObjectNode attributes(String... keysAndValues) {
      ObjectNode node = TestServer.JSON.createObjectNode();
      for (int i = 0; i < keysAndValues.length; i += 2) {
        node.put(keysAndValues[i], keysAndValues[i + 1]);
      }
      return node;
    }
  }

  /** What the API must show for one resource: each state it may be in, and its links as created. */
  record Expected(String type, String id, List<ObjectNode> states, Map<String, Set<String>> links) {}

  /**
   * Reads everything back through the API after the restart and lists every difference from what
   * the burst was told, rather than stopping at the first: a durability failure is easier to
   * understand whole.
   */
  static final class Verifier {
    final Api api;
    final List<String> problems = new ArrayList<>();
    /** Acknowledged resources by id: the state of the last acknowledged write, and of a cut-off PATCH after it. */
    final Map<String, Expected> acknowledged = new LinkedHashMap<>();
    /** Creates whose answer the kill cut off: each may have become one whole resource, or none. */
    final List<Attempt> cutOffCreates = new ArrayList<>();
    /** Every resource the API showed, acknowledged or recognised as a cut-off create, by id. */
    final Map<String, Expected> present = new LinkedHashMap<>();

    Verifier(Api api, List<Attempt> attempts) {
      this.api = api;
      Map<String, ObjectNode> cutOffPatch = new HashMap<>();
      for (Attempt a : attempts) { // in each worker's order, so a resource's writes come in the order they were sent
        if (a.patched == null && a.acknowledged()) {
          acknowledged.put(a.id, new Expected(a.type, a.id, List.of(a.answered), a.links));
        } else if (a.patched == null) {
          cutOffCreates.add(a);
        } else if (a.acknowledged()) {
          acknowledged.put(a.id, new Expected(a.type, a.id, List.of(a.answered), acknowledged.get(a.id).links()));
        } else {
          ObjectNode applied = acknowledged.get(a.id).states().getFirst().deepCopy();
          applied.setAll(a.sent);
          cutOffPatch.put(a.id, applied); // only a worker's last write can be cut off, so nothing follows it
        }
      }
      cutOffPatch.forEach((id, state) -> {
        Expected e = acknowledged.get(id);
        acknowledged.put(id, new Expected(e.type(), id, List.of(e.states().getFirst(), state), e.links()));
      });
    }

    String summary() {
      Map<String, Integer> byType = new java.util.TreeMap<>();
      acknowledged.values().forEach(e -> byType.merge(e.type(), 1, Integer::sum));
      return "acknowledged resources " + byType + ", cut-off creates " + cutOffCreates;
    }

    List<String> check(Map<String, Set<String>> baseline) {
      for (String type : TOP_LEVEL) {
        checkList(type, baseline.get(type));
      }
      checkCapabilities();
      checkProfileLinks();
      return problems;
    }

    /**
     * A paged walk of a top-level list: every acknowledged resource is there as acknowledged, every
     * listed one is GETtable as listed and is either acknowledged or a whole cut-off create.
     */
    private void checkList(String type, Set<String> baseline) {
      Map<String, JsonNode> listed = walk("/v1/" + type + "?limit=200");
      listed.keySet().removeAll(baseline);
      acknowledged.values().stream().filter(e -> e.type().equals(type)).forEach(e -> {
        if (!listed.containsKey(e.id())) {
          problems.add("acknowledged " + type + " " + e.id() + " is missing from GET /v1/" + type);
        }
      });
      listed.forEach((id, resource) -> {
        TestServer.Reply one = api.get("/v1/" + type + "/" + id);
        if (one.status() != 200) {
          problems.add(type + " " + id + " is listed but GET answers " + one.status());
        } else if (!one.json().path("data").path("attributes").equals(resource.path("attributes"))) {
          problems.add(type + " " + id + " reads differently in the list and on its own: " + resource + " vs " + one.body());
        }
        Expected e = identify(type, id, resource, null);
        if (e != null) {
          present.put(id, e);
        }
      });
    }

    /**
     * Which write a resource the API shows came from: an acknowledged one (then its attributes
     * must be those acknowledged) or a cut-off create with exactly its content. Null, with a
     * problem recorded, for anything else.
     */
    private Expected identify(String type, String id, JsonNode resource, String bundleId) {
      JsonNode shown = resource.path("attributes");
      Expected e = acknowledged.get(id);
      if (e != null) {
        if (!e.type().equals(type)) {
          problems.add(type + " " + id + " has the id of acknowledged " + e.type() + " " + id);
        } else if (e.states().stream().noneMatch(shown::equals)) {
          problems.add("acknowledged " + type + " " + id + " reads " + shown + ", not " + e.states());
        }
        return e;
      }
      for (Attempt a : cutOffCreates) {
        if (a.type.equals(type) && a.id == null && contains(shown, a.sent)
            && (bundleId == null || a.links.get("bundleId").contains(bundleId))) {
          a.id = id; // taken: a second resource with the same content would be a duplicated write
          return new Expected(type, id, List.of(), a.links);
        }
      }
      problems.add(type + " " + id + " " + shown + " is neither acknowledged nor a whole cut-off write"
          + (bundleId == null ? "" : " of bundle ID " + bundleId));
      return null;
    }

    /** Whether {@code shown} has every attribute that was sent; write-only ones (csrContent) are not shown. */
    private static boolean contains(JsonNode shown, ObjectNode sent) {
      for (var field : sent.properties()) {
        if (shown.has(field.getKey()) && !shown.get(field.getKey()).equals(field.getValue())) {
          return false;
        }
      }
      return true;
    }

    /**
     * Capabilities have no list or GET of their own; they are seen only under their bundle ID,
     * where every acknowledged one must appear once, as acknowledged, and nothing else but whole
     * cut-off creates and the defaults every explicit App ID is created with.
     */
    private void checkCapabilities() {
      Map<String, Integer> seen = new HashMap<>();
      for (Expected bundle : typed("bundleIds")) {
        walk("/v1/bundleIds/" + bundle.id() + "/bundleIdCapabilities?limit=200").forEach((id, capability) -> {
          if (id.matches(java.util.regex.Pattern.quote(bundle.id()) + "_(GAME_CENTER|IN_APP_PURCHASE)_(IOS|MACOS)")) {
            return; // Apple's defaults, written with the bundle ID (provisioning.md §5.1)
          }
          seen.merge(id, 1, Integer::sum);
          Expected e = identify("bundleIdCapabilities", id, capability, bundle.id());
          if (e != null && !e.links().get("bundleId").contains(bundle.id())) {
            problems.add("capability " + id + " is listed under bundle ID " + bundle.id() + " but was created for " + e.links());
          }
        });
      }
      acknowledged.values().stream().filter(e -> e.type().equals("bundleIdCapabilities")).forEach(e -> {
        if (seen.getOrDefault(e.id(), 0) != 1) {
          problems.add("acknowledged capability " + e.id() + " of bundle ID " + e.links().get("bundleId") + " is listed "
              + seen.getOrDefault(e.id(), 0) + " times under bundle IDs");
        }
      });
    }

    /** Every profile's links as created, read from the profile and, inversely, from its bundle ID. */
    private void checkProfileLinks() {
      Map<String, Set<String>> profilesByBundle = new HashMap<>();
      for (Expected profile : typed("profiles")) {
        String base = "/v1/profiles/" + profile.id() + "/relationships/";
        TestServer.Reply bundle = api.get(base + "bundleId");
        Set<String> bundleIds = bundle.status() == 200 && bundle.json().path("data").isObject()
            ? Set.of(bundle.json().path("data").path("id").asText()) : Set.of();
        expectLinks(profile, "bundleId", bundleIds);
        expectLinks(profile, "certificates", walk(base + "certificates?limit=200").keySet());
        expectLinks(profile, "devices", walk(base + "devices?limit=200").keySet());
        profile.links().get("bundleId").forEach(b -> profilesByBundle.computeIfAbsent(b, k -> new TreeSet<>()).add(profile.id()));
      }
      for (Expected bundle : typed("bundleIds")) {
        Set<String> listed = new TreeSet<>(walk("/v1/bundleIds/" + bundle.id() + "/profiles?limit=200").keySet());
        Set<String> expected = profilesByBundle.getOrDefault(bundle.id(), Set.of());
        if (!listed.equals(expected)) {
          problems.add("bundle ID " + bundle.id() + " lists profiles " + listed + ", its profiles link to it: " + expected);
        }
      }
    }

    private void expectLinks(Expected profile, String rel, Set<String> shown) {
      if (!shown.equals(profile.links().get(rel))) {
        problems.add("profile " + profile.id() + " links " + rel + " " + shown + ", created with " + profile.links().get(rel));
      }
    }

    private List<Expected> typed(String type) {
      return present.values().stream().filter(e -> e.type().equals(type)).toList();
    }

    /**
     * Follows {@code links.next} from {@code path}; every page must answer 200 with the same
     * {@code meta.paging.total}, which must be the number of distinct items the walk saw.
     */
    Map<String, JsonNode> walk(String path) {
      Map<String, JsonNode> items = new LinkedHashMap<>();
      Set<Integer> totals = new HashSet<>();
      String next = path;
      while (next != null) {
        TestServer.Reply page = api.get(next);
        if (page.status() != 200) {
          problems.add("GET " + next + " answered " + page.status() + ": " + page.body());
          return items;
        }
        JsonNode doc = page.json();
        for (JsonNode item : doc.path("data")) {
          if (items.put(item.path("id").asText(), item) != null) {
            problems.add(path + " lists " + item.path("id").asText() + " twice");
          }
        }
        if (doc.at("/meta/paging/total").isInt()) {
          totals.add(doc.at("/meta/paging/total").asInt());
        }
        next = doc.at("/links/next").isMissingNode() ? null : doc.at("/links/next").asText();
      }
      if (!totals.isEmpty() && !totals.equals(Set.of(items.size()))) {
        problems.add(path + " walked " + items.size() + " items, meta.paging.total said " + totals);
      }
      return items;
    }
  }

  /** Real HTTP, HTTP/1.1 (no upgrade dance), with a token of the first-start Admin key. */
  static final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    final String baseUrl;
    final String token;

    Api(String baseUrl, ApiKeyFile key) {
      this.baseUrl = baseUrl;
      this.token = key.token().lifetime(Duration.ofMinutes(10)).build();
    }

    /** A request; an IOException means the answer never (fully) arrived. */
    TestServer.Reply send(String method, String pathOrUrl, JsonNode body) throws IOException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token);
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
      try {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new TestServer.Reply(r.statusCode(), r.headers(), r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    TestServer.Reply get(String pathOrUrl) {
      try {
        return send("GET", pathOrUrl, null);
      } catch (IOException e) {
        throw new IllegalStateException("GET " + pathOrUrl, e);
      }
    }
  }

  /**
   * A {@link ChildServerMain} process on a data directory: started with this JVM's java and class
   * path, ready once it has printed its port and answers health checks; {@link #kill} is SIGKILL.
   */
  static final class Child implements AutoCloseable {
    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    final Process process;
    final JsonNode ready;

    private Child(Process process, JsonNode ready) {
      this.process = process;
      this.ready = ready;
    }

    static Child start(Path dataDir, String jdbcUrl) throws Exception {
      String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // C1 only: the child starts twice per run, and start-up, not peak speed, is what costs here
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"),
          ChildServerMain.class.getName(), dataDir.toString(), jdbcUrl == null ? "sqlite" : "postgres"));
      if (jdbcUrl != null) {
        command.add(jdbcUrl);
      }
      Path log = dataDir.resolve("child-stderr.log");
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      CompletableFuture<String> line = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> readReadyLine(process, line));
      try {
        JsonNode ready = TestServer.JSON.readTree(line.get(READY_WITHIN.toSeconds(), SECONDS));
        Child child = new Child(process, ready);
        child.awaitHealthy();
        return child;
      } catch (TimeoutException | java.util.concurrent.ExecutionException | AssertionError e) {
        process.destroyForcibly();
        throw new AssertionError("the child server did not start: " + e + "\n" + Files.readString(log), e);
      }
    }

    /** Waits for the ready line, then keeps draining stdout so the child never blocks on a full pipe. */
    private static void readReadyLine(Process process, CompletableFuture<String> line) {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          if (l.startsWith(ChildServerMain.READY)) {
            line.complete(l.substring(ChildServerMain.READY.length()));
          }
        }
      } catch (IOException e) {
        // the stream closes when the child dies
      }
      line.completeExceptionally(new IllegalStateException("the child exited before it was ready"));
    }

    String baseUrl() {
      return "http://127.0.0.1:" + ready.get("port").asInt();
    }

    /** Health is unauthenticated; polled with a deadline rather than waited for with a guessed sleep. */
    private void awaitHealthy() throws InterruptedException {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + READY_WITHIN.toNanos();
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_braeburn/health")).build(),
              HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.onSpinWait();
      }
      throw new AssertionError("no healthy answer from " + baseUrl());
    }

    /** SIGKILL (destroyForcibly on Unix): no shutdown hook, no pool close, no last flush. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, SECONDS)).as("the child died").isTrue();
      assertThat(process.exitValue()).as("exit status of a process killed by SIGKILL (128 + 9)").isEqualTo(137);
    }

    /** Closing stdin is the child's graceful stop; forced if it takes too long or the wait is interrupted. */
    @Override
    public void close() throws IOException {
      if (!process.isAlive()) {
        return;
      }
      process.getOutputStream().close();
      try {
        if (process.waitFor(30, SECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }
}
