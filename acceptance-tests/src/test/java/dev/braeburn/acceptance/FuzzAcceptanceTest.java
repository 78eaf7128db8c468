package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.acceptance.fuzz.FuzzRequest;
import dev.braeburn.acceptance.fuzz.FuzzWorld;
import dev.braeburn.acceptance.fuzz.Fuzzer;
import dev.braeburn.acceptance.fuzz.RawHttp;
import dev.braeburn.acceptance.fuzz.Violation;
import dev.braeburn.spec.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The bounded slice of the fuzz suite (issue 12 §4; the long run is {@code benchmarks/run-paging.sh
 * fuzz}, docs/reliability.md "Fuzzing"). Hostile requests — paths, query strings, bodies and
 * headers mutated from each operation's well-formed call (package {@code fuzz}), and mutated
 * admin API calls — go to a demo-seeded server as team A over raw keep-alive connections. For
 * every answer: never a 5xx, never more than 10 s, refusals in Apple's error format, successes
 * valid against the spec, connections closed only with notice ({@link dev.braeburn.acceptance.fuzz.Oracle}).
 * After each property the server must be healthy and team B's data byte for byte what it was.
 *
 * <p>Fixed seeds: the same requests in the same order on every run (state evolves the same way,
 * up to server-generated ids). {@link #everyOperationInEveryFamily} walks all operations × the
 * four request families exhaustively; the random properties go deeper on fewer operations.
 */
class FuzzAcceptanceTest {
  private static TestServer server;
  private static FuzzWorld world;
  private static Fuzzer fuzzer;
  private static RawHttp http;
  private static String teamBBefore;
  private static List<Operation> operations;
  private static final Set<Violation.Kind> TOLERATED = tolerated();
  private static final Map<Violation.Kind, Integer> tolerated = new EnumMap<>(Violation.Kind.class);
  private static final Map<Violation.Kind, List<String>> examples = new EnumMap<>(Violation.Kind.class);

  @BeforeContainer
  static void start() throws Exception {
    server = TestServer.start("demo");
    world = FuzzWorld.prepare("127.0.0.1", server.server.port(), server.server.adminToken(), server.keyFile());
    fuzzer = new Fuzzer(world);
    operations = fuzzer.operations();
    http = new RawHttp("127.0.0.1", server.server.port(), FuzzWorld.TIMEOUT_MILLIS);
    teamBBefore = teamB();
  }

  @AfterContainer
  static void stop() throws Exception {
    tolerated.forEach((kind, n) -> {
      System.out.println("fuzz: tolerated " + n + " × " + kind + "; e.g.");
      examples.get(kind).stream().limit(5).forEach(m -> System.out.println("  " + m));
    });
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Every operation × path, query, body and header mutations: one request each, its mutation drawn from a seed of both. */
  @Property(generation = GenerationMode.EXHAUSTIVE, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.OFF)
  void everyOperationInEveryFamily(@ForAll("operations") Operation op, @ForAll("apiFamilies") Fuzzer.Family family) {
    SplittableRandom random = new SplittableRandom((op.id() + "/" + family).hashCode());
    check(fuzzer.request(family, op, random));
  }

  /**
   * Every number of every request body (sizes, counts, positions…), the admin API's included, at the extremes a buggy client
   * sends — 40 digits, one past the largest 64-bit integer, the largest, the smallest minus one,
   * 1e400 — must be refused or taken without unbounded work, whatever the operation.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.OFF)
  void everyNumberInEveryBodyAtItsExtremes(@ForAll("numbersInBodies") Fuzzer.NumberSlot slot, @ForAll("extremes") String extreme) {
    check(fuzzer.withNumber(slot, extreme));
  }

  @Property(tries = 300, seed = "1201", edgeCases = EdgeCasesMode.NONE)
  void mutatedBodies(@ForAll("operationsWithBodies") Operation op, @ForAll Random random) {
    check(fuzzer.request(Fuzzer.Family.BODY, op, random));
  }

  @Property(tries = 200, seed = "1202", edgeCases = EdgeCasesMode.NONE)
  void mutatedQueries(@ForAll("operations") Operation op, @ForAll Random random) {
    check(fuzzer.request(Fuzzer.Family.QUERY, op, random));
  }

  @Property(tries = 200, seed = "1203", edgeCases = EdgeCasesMode.NONE)
  void mutatedPathsAndHeaders(@ForAll("operations") Operation op, @ForAll Random random) {
    check(fuzzer.request(random.nextBoolean() ? Fuzzer.Family.PATH : Fuzzer.Family.HEADERS, op, random));
  }

  @Property(tries = 300, seed = "1204", edgeCases = EdgeCasesMode.NONE)
  void mutatedAdminCalls(@ForAll Random random) {
    check(fuzzer.request(Fuzzer.Family.ADMIN, null, random));
  }

  /** After each property: the server answers, and team B — never addressed by a key of its own — is unchanged. */
  @AfterProperty
  void serverHealthyAndTeamBUnchanged() throws Exception {
    assertThat(world.healthy()).as("GET /_braeburn/health after the property").isTrue();
    assertThat(teamB()).as("team B's snapshot after the property").isEqualTo(teamBBefore);
  }

  @Provide
  Arbitrary<Operation> operations() {
    return Arbitraries.of(operations);
  }

  @Provide
  Arbitrary<Operation> operationsWithBodies() {
    return Arbitraries.of(operations.stream().filter(op -> op.bodySchema() != null).toList());
  }

  @Provide
  Arbitrary<Fuzzer.NumberSlot> numbersInBodies() {
    return Arbitraries.of(fuzzer.numberSlots());
  }

  @Provide
  Arbitrary<String> extremes() {
    return Arbitraries.of("1" + "0".repeat(39), "9223372036854775808", "9223372036854775807", "-9223372036854775809", "1e400");
  }

  @Provide
  Arbitrary<Fuzzer.Family> apiFamilies() {
    return Arbitraries.of(Fuzzer.Family.PATH, Fuzzer.Family.QUERY, Fuzzer.Family.BODY, Fuzzer.Family.HEADERS);
  }

  private static void check(FuzzRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (Violation v : fuzzer.send(http, request).violations()) {
      if (TOLERATED.contains(v.kind())) {
        tolerated.merge(v.kind(), 1, Integer::sum);
        examples.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v.message());
      } else {
        violations.add(v);
      }
    }
    assertThat(violations).as("oracle violations").isEmpty();
  }

  /** Kinds of violation named in {@code -Dbraeburn.fuzz.tolerate=KIND,…}: counted and printed, not failed (none by default). */
  private static Set<Violation.Kind> tolerated() {
    Set<Violation.Kind> kinds = EnumSet.noneOf(Violation.Kind.class);
    for (String name : System.getProperty("braeburn.fuzz.tolerate", "").split(",")) {
      if (!name.isBlank()) {
        kinds.add(Violation.Kind.valueOf(name.trim()));
      }
    }
    return kinds;
  }

  private static String teamB() throws Exception {
    try (RawHttp admin = new RawHttp("127.0.0.1", server.server.port(), 60_000)) {
      return world.teamBState(admin);
    }
  }
}
