package dev.braeburn.benchmarks;

import dev.braeburn.acceptance.fuzz.FuzzRequest;
import dev.braeburn.acceptance.fuzz.FuzzWorld;
import dev.braeburn.acceptance.fuzz.Fuzzer;
import dev.braeburn.acceptance.fuzz.RawHttp;
import dev.braeburn.acceptance.fuzz.Violation;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.spec.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 12 §4: the long fuzz run (docs/reliability.md, "Fuzzing"). A server JVM started as the
 * other benchmarks start it ({@code braeburn.jar serve}, SQLite, demo seed, hourly limit off) is
 * prepared like the bounded slice ({@link FuzzWorld}: team A attacked, team B the bystander, team C
 * for the admin API) and gets {@code --requests} hostile requests — path, query, body and header
 * mutations of random operations and mutated admin calls, in the weights below — over {@code
 * --connections} keep-alive loopback connections, each with its own seeded random, stopping early
 * at {@code --minutes}. Every answer goes through the suite's oracle. Prints requests, statuses by
 * class, violations by kind (5xx and hangs must be 0), the request rate, the server's VmRSS and
 * heap used before and after (each also after a full GC), health, and whether team B's snapshot is
 * unchanged.
 *
 * <p>Arguments (all optional): {@code --jar braeburn-cli/target/braeburn.jar --requests 1000000
 * --minutes 25 --connections 8 --seed 12}.
 */
public final class FuzzBenchmark {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  /** Share of each family, in percent: bodies and queries carry the most variety. */
  private static final Map<Fuzzer.Family, Integer> WEIGHTS = Map.of(
      Fuzzer.Family.PATH, 20, Fuzzer.Family.QUERY, 25, Fuzzer.Family.BODY, 30, Fuzzer.Family.HEADERS, 20, Fuzzer.Family.ADMIN, 5);
  /** Examples kept per kind: every 5xx and hang up to 50 (each needs a look), five of the others. */
  private static final int EXAMPLES = 5;
  private static final int EXAMPLES_OF_FAILURES = 50;

  private FuzzBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(AuthBenchmark.stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    Path jarCopy = Files.createTempFile("braeburn-fuzz-bench", ".jar"); // other builds may replace the jar meanwhile
    Files.copy(jar, jarCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    long requests = Long.parseLong(AuthBenchmark.stringArg(args, "--requests", "1000000"));
    int minutes = PagingBenchmark.intArg(args, "--minutes", 25);
    int connections = PagingBenchmark.intArg(args, "--connections", 8);
    long seed = Long.parseLong(AuthBenchmark.stringArg(args, "--seed", "12"));

    Path dir = Files.createTempDirectory("braeburn-bench-fuzz");
    try (ChildServer server = ChildServer.start(jarCopy, dir, List.of("--seed", "demo", "--hourly-limit", "0"), null, null)) {
      FuzzWorld world = FuzzWorld.prepare("127.0.0.1", server.port, server.adminToken(),
          ApiKeyFile.of(server.keyId, server.issuerId, server.key()));
      String teamBBefore;
      try (RawHttp admin = new RawHttp("127.0.0.1", server.port, 120_000)) {
        teamBBefore = world.teamBState(admin);
      }
      Memory before = Memory.of(server);
      System.out.printf("server pid %d on port %d; team B has %d resources of its own; %s%n", server.pid(), server.port, world.teamBIds.size(), before);

      Run run = new Run(new Fuzzer(world), server.port, requests, System.nanoTime() + minutes * 60_000_000_000L);
      long t0 = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + c);
        threads.add(Thread.ofPlatform().name("fuzz-" + c).start(() -> run.connection(random)));
      }
      Thread progress = Thread.ofPlatform().daemon().start(() -> run.progress(t0));
      for (Thread t : threads) {
        t.join();
      }
      progress.interrupt();
      double seconds = (System.nanoTime() - t0) / 1e9;

      boolean healthy = world.healthy();
      String teamBAfter;
      try (RawHttp admin = new RawHttp("127.0.0.1", server.port, 120_000)) {
        teamBAfter = world.teamBState(admin);
      }
      Memory after = Memory.of(server);
      run.report(seconds, connections, seed, before, after, healthy, teamBBefore.equals(teamBAfter), teamBBefore.length());
    }
  }

  /** Resident memory and heap used now, and both again after a full collection ({@code jcmd GC.run}). */
  record Memory(long rssKiB, long heapUsedKiB, long rssAfterGcKiB, long heapAfterGcKiB) {
    static Memory of(ChildServer server) throws Exception {
      long rss = server.rssKiB();
      long heap = heapUsed(server);
      server.jcmd("GC.run");
      return new Memory(rss, heap, server.rssKiB(), heapUsed(server));
    }

    private static long heapUsed(ChildServer server) throws Exception {
      Matcher m = HEAP_USED.matcher(server.jcmd("GC.heap_info"));
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public String toString() {
      return String.format("VmRSS %,d MiB, heap used %,d MiB (after GC.run: %,d MiB, %,d MiB)",
          rssKiB / 1024, heapUsedKiB / 1024, rssAfterGcKiB / 1024, heapAfterGcKiB / 1024);
    }
  }

  /** The shared counters of one run. */
  private static final class Run {
    private final Fuzzer fuzzer;
    private final int port;
    private final List<Operation> operations;
    private final long requests;
    private final long deadline;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    /** Answers by status class: index 0 for none (hang or broken connection), 1–5 for 1xx–5xx. */
    private final AtomicLongArray classes = new AtomicLongArray(6);
    private final Map<Fuzzer.Family, AtomicLong> byFamily = new EnumMap<>(Fuzzer.Family.class);
    private final Map<Violation.Kind, AtomicLong> violations = new ConcurrentHashMap<>();
    private final Map<Violation.Kind, List<String>> examples = new ConcurrentHashMap<>();
    private final Fuzzer.Family[] families;

    Run(Fuzzer fuzzer, int port, long requests, long deadline) {
      this.fuzzer = fuzzer;
      this.port = port;
      this.operations = fuzzer.operations();
      this.requests = requests;
      this.deadline = deadline;
      List<Fuzzer.Family> weighted = new ArrayList<>();
      for (Fuzzer.Family f : Fuzzer.Family.values()) {
        byFamily.put(f, new AtomicLong());
        for (int i = 0; i < WEIGHTS.get(f); i++) {
          weighted.add(f);
        }
      }
      this.families = weighted.toArray(Fuzzer.Family[]::new);
    }

    void connection(SplittableRandom random) {
      try (RawHttp http = new RawHttp("127.0.0.1", port, FuzzWorld.TIMEOUT_MILLIS)) {
        while (issued.getAndIncrement() < requests && System.nanoTime() < deadline) {
          Fuzzer.Family family = families[random.nextInt(families.length)];
          Operation op = operations.get(random.nextInt(operations.size()));
          FuzzRequest request = fuzzer.request(family, op, random);
          Fuzzer.Outcome outcome = fuzzer.send(http, request);
          classes.incrementAndGet(outcome.status() / 100 < 6 ? outcome.status() / 100 : 0);
          byFamily.get(family).incrementAndGet();
          for (Violation v : outcome.violations()) {
            violations.computeIfAbsent(v.kind(), k -> new AtomicLong()).incrementAndGet();
            List<String> list = examples.computeIfAbsent(v.kind(), k -> new ArrayList<>());
            synchronized (list) {
              boolean failure = v.kind() == Violation.Kind.SERVER_ERROR || v.kind() == Violation.Kind.HANG;
              if (list.size() < (failure ? EXAMPLES_OF_FAILURES : EXAMPLES)) {
                list.add(v.message().length() > 600 ? v.message().substring(0, 600) + "…" : v.message());
              }
            }
          }
          done.incrementAndGet();
        }
      }
    }

    void progress(long t0) {
      try {
        while (true) {
          Thread.sleep(60_000);
          long n = done.get();
          System.out.printf("  %,d requests after %.0f s (%,.0f/s); 5xx %d, hangs %d%n", n, (System.nanoTime() - t0) / 1e9,
              n / ((System.nanoTime() - t0) / 1e9), count(Violation.Kind.SERVER_ERROR), count(Violation.Kind.HANG));
        }
      } catch (InterruptedException e) {
        // the run is over
      }
    }

    private long count(Violation.Kind kind) {
      AtomicLong n = violations.get(kind);
      return n == null ? 0 : n.get();
    }

    void report(double seconds, int connections, long seed, Memory before, Memory after, boolean healthy, boolean teamBSame, int teamBBytes) {
      long n = done.get();
      System.out.printf("%n## Fuzz run: %,d requests in %.0f s (%,.0f requests/s) over %d connections, seed %d%n%n", n, seconds, n / seconds,
          connections, seed);
      System.out.println("| | requests |\n|---|---:|");
      for (int c = 1; c <= 5; c++) {
        System.out.printf("| %dxx | %,d |%n", c, classes.get(c));
      }
      System.out.printf("| no answer (hang or broken connection) | %,d |%n", classes.get(0));
      System.out.println();
      System.out.println("| family | requests |\n|---|---:|");
      byFamily.forEach((f, c) -> System.out.printf("| %s | %,d |%n", f, c.get()));
      System.out.println();
      System.out.println("| oracle violation | count |\n|---|---:|");
      for (Violation.Kind k : Violation.Kind.values()) {
        System.out.printf("| %s | %,d |%n", k, count(k));
      }
      System.out.println();
      System.out.printf("5xx: %d; hangs (> %d s): %d%n", count(Violation.Kind.SERVER_ERROR), FuzzWorld.TIMEOUT_MILLIS / 1000, count(Violation.Kind.HANG));
      System.out.printf("memory before: %s%nmemory after:  %s%n", before, after);
      System.out.printf("health afterwards: %s; team B's snapshot (%,d bytes without createdAt/clock): %s%n", healthy ? "200" : "FAILED",
          teamBBytes, teamBSame ? "byte-for-byte unchanged" : "CHANGED");
      examples.forEach((kind, list) -> {
        System.out.println("examples of " + kind + ":");
        list.forEach(m -> System.out.println("  " + m));
      });
    }
  }
}
