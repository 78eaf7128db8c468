package dev.braeburn.acceptance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.acceptance.EveryTypeFixture;
import dev.braeburn.acceptance.SchemaValidator;
import dev.braeburn.acceptance.ValidBodies;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.server.seed.Datasets;
import dev.braeburn.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server a fuzz run attacks, prepared through its admin API: team A (the demo team the key
 * belongs to, plus one resource of every type it lacks, linked like the conformance walk) is
 * the team every API request acts as; team B (one resource of every type, ids {@code fuzzB-…})
 * is the bystander whose data must come out byte for byte as it went in; team C and a spare
 * DEVELOPER key are what the admin fuzzing may change (teams, keys, resets, snapshot loads), so
 * that it cannot lock team A out or touch team B.
 */
public final class FuzzWorld {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The bound on every response: a request that takes longer is a hang. */
  public static final int TIMEOUT_MILLIS = 10_000;

  public final Spec spec;
  public final EveryTypeFixture teamA;
  public final ValidBodies bodies;
  public final Oracle oracle;
  public final String host;
  public final int port;
  public final String adminToken;
  public final String issuerA;
  public final String issuerB;
  public final String issuerC;
  public final String spareKeyId;
  /** Team B's own resources (not the reference catalogues every team has): ids API requests of team A may aim at. */
  public final List<String> teamBIds;
  private final Supplier<String> tokens;
  private String snapshotC;

  private FuzzWorld(Spec spec, EveryTypeFixture teamA, String host, int port, String adminToken, String issuerA, String issuerB,
      String issuerC, String spareKeyId, List<String> teamBIds, Supplier<String> tokens) {
    this.spec = spec;
    this.teamA = teamA;
    this.bodies = new ValidBodies(spec, teamA);
    this.oracle = new Oracle(new SchemaValidator(spec));
    this.host = host;
    this.port = port;
    this.adminToken = adminToken;
    this.issuerA = issuerA;
    this.issuerB = issuerB;
    this.issuerC = issuerC;
    this.spareKeyId = spareKeyId;
    this.teamBIds = List.copyOf(teamBIds);
    this.tokens = tokens;
  }

  /**
   * Prepares a server that was started with the demo seed: {@code keyA} is its first-start Admin
   * key, of the team it seeded.
   */
  public static FuzzWorld prepare(String host, int port, String adminToken, ApiKeyFile keyA) throws IOException {
    String issuerA = keyA.issuerId();
    Spec spec = Spec.load();
    Datasets datasets = new Datasets(JSON);
    EveryTypeFixture a = new EveryTypeFixture(spec, "fuzzA-");
    EveryTypeFixture b = new EveryTypeFixture(spec, "fuzzB-");
    Set<String> referenceIds = new HashSet<>();
    for (JsonNode r : datasets.reference()) {
      a.known(r.path("type").asText(), r.path("id").asText());
      b.known(r.path("type").asText(), r.path("id").asText());
      referenceIds.add(r.path("id").asText());
    }
    for (JsonNode r : datasets.seed("demo")) {
      a.known(r.path("type").asText(), r.path("id").asText());
    }
    a.prefer("apps", "1600000001");
    try (RawHttp http = new RawHttp(host, port, 120_000)) {
      Admin admin = new Admin(http, adminToken);
      admin.expect(201, "POST", "/_braeburn/resources", issuerA, data(a.missingResources()));
      String issuerB = admin.expect(201, "POST", "/_braeburn/teams", null, "{\"name\":\"Fuzz bystander B\"}").path("issuerId").asText();
      ArrayNode bData = b.missingResources();
      admin.expect(201, "POST", "/_braeburn/resources", issuerB, data(bData));
      List<String> bIds = new ArrayList<>();
      bData.forEach(r -> bIds.add(r.path("id").asText()));
      bIds.removeIf(referenceIds::contains);
      String issuerC = admin.expect(201, "POST", "/_braeburn/teams", null, "{\"name\":\"Fuzz sacrificial C\"}").path("issuerId").asText();
      String spare = admin.expect(201, "POST", "/_braeburn/keys", null,
          "{\"role\":\"DEVELOPER\",\"type\":\"TEAM\",\"issuerId\":\"" + issuerC + "\"}").path("keyId").asText();
      FuzzWorld world = new FuzzWorld(spec, a, host, port, adminToken, issuerA, issuerB, issuerC, spare, bIds, new RefreshingToken(keyA));
      world.snapshotC = new String(admin.raw("GET", "/_braeburn/snapshot", issuerC, null).body(), StandardCharsets.UTF_8);
      return world;
    }
  }

  /** A valid token of team A's Admin key (minted anew every few minutes: Apple's tokens live at most 20). */
  public String token() {
    return tokens.get();
  }

  /** Team C's snapshot as taken at the start: a loadable document the admin fuzzing mutates. */
  String snapshotOfC() {
    return snapshotC;
  }

  /**
   * Team B as the server has it now: its snapshot without the two fields that name the moment of
   * saving ({@code createdAt}, {@code clock}); everything else — team, keys, resources with their
   * attributes and timestamps, links, order — must not change while team A is fuzzed.
   */
  public String teamBState(RawHttp http) throws IOException {
    RawHttp.Exchange e = new Admin(http, adminToken).raw("GET", "/_braeburn/snapshot", issuerB, null);
    if (e.status() != 200) {
      throw new IOException("team B snapshot: " + e.status() + " " + e.text());
    }
    ObjectNode doc = (ObjectNode) JSON.readTree(e.body());
    doc.remove("createdAt");
    doc.remove("clock");
    return doc.toString();
  }

  /** Whether the server answers {@code GET /_braeburn/health} with 200 on a new connection. */
  public boolean healthy() {
    try (RawHttp http = new RawHttp(host, port, TIMEOUT_MILLIS)) {
      return http.send(new FuzzRequest("GET", "/_braeburn/health", List.of(), null, FuzzRequest.Surface.ADMIN, null, "health"))
          .status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static String data(ArrayNode data) {
    ObjectNode body = JSON.createObjectNode();
    body.set("data", data);
    return body.toString();
  }

  /** Admin calls during preparation and checks; each must succeed. */
  private record Admin(RawHttp http, String adminToken) {
    JsonNode expect(int status, String method, String path, String issuer, String body) throws IOException {
      RawHttp.Exchange e = raw(method, path, issuer, body);
      if (e.status() != status) {
        throw new IOException(method + " " + path + ": " + e.status() + " " + Oracle.abbreviate(e.text()));
      }
      return JSON.readTree(e.body());
    }

    RawHttp.Exchange raw(String method, String path, String issuer, String body) throws IOException {
      List<FuzzRequest.Header> headers = new ArrayList<>();
      headers.add(new FuzzRequest.Header("Authorization", "Bearer " + adminToken));
      if (issuer != null) {
        headers.add(new FuzzRequest.Header("X-Braeburn-Issuer", issuer));
      }
      if (body != null) {
        headers.add(new FuzzRequest.Header("Content-Type", "application/json"));
      }
      return http.send(new FuzzRequest(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
          FuzzRequest.Surface.ADMIN, null, "setup"));
    }
  }

  /** Tokens of 10 minutes, minted again after 5. */
  private static final class RefreshingToken implements Supplier<String> {
    private final ApiKeyFile key;
    private String token;
    private long mintedAt;

    RefreshingToken(ApiKeyFile key) {
      this.key = key;
    }

    @Override
    public synchronized String get() {
      long now = System.nanoTime();
      if (token == null || now - mintedAt > Duration.ofMinutes(5).toNanos()) {
        token = key.token().lifetime(Duration.ofMinutes(10)).build();
        mintedAt = now;
      }
      return token;
    }
  }
}
