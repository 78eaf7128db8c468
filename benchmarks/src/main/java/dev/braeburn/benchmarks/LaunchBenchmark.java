package dev.braeburn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launch to first 200: starts {@code java -jar braeburn.jar serve --port 0 --data <dir>} in a
 * separate JVM, reads the port from the banner and polls {@code GET /_braeburn/health} every 10 ms
 * until 200, then times the first authenticated {@code GET /v1/apps}. Runs N first starts (empty
 * data directory each time) and N restarts (an existing data directory). The process is stopped
 * after each launch.
 *
 * <p>Arguments: {@code --jar braeburn-cli/target/braeburn.jar --runs 5}.
 */
public final class LaunchBenchmark {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    int runs = PagingBenchmark.intArg(args, "--runs", 5);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; run ./mvnw install -DskipTests first");
    }
    // warm the benchmark JVM's own HTTP client and ES256 signer so they are not billed to the server
    Launch warm = launch(jar, Files.createTempDirectory("braeburn-launch"), null);
    PagingBenchmark.deleteRecursively(warm.dir);

    List<Launch> first = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Launch l = launch(jar, Files.createTempDirectory("braeburn-launch"), null);
      System.out.printf("first start %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", i + 1,
          Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
      first.add(l);
      if (i > 0) {
        PagingBenchmark.deleteRecursively(l.dir);
      }
    }
    Launch prepared = first.getFirst();
    List<Launch> restarts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Launch l = launch(jar, prepared.dir, prepared);
      System.out.printf("restart %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", i + 1,
          Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
      restarts.add(l);
    }
    PagingBenchmark.deleteRecursively(prepared.dir);

    System.out.println();
    System.out.printf("## Launch to first 200 (separate JVM, java -jar %s serve --port 0), median of %d%n", jar.getFileName(), runs);
    System.out.println("| launch | banner printed ms | GET /_braeburn/health 200 ms | GET /v1/apps 200 (JWT) ms | target | verdict |");
    System.out.println("|---|---:|---:|---:|---|---|");
    row("first start (empty data dir)", first);
    row("restart (existing data dir)", restarts);
  }

  private static void row(String name, List<Launch> ls) {
    double banner = Stats.median(ls.stream().map(l -> l.bannerMs).toList());
    double health = Stats.median(ls.stream().map(l -> l.healthMs).toList());
    double apps = Stats.median(ls.stream().map(l -> l.appsMs).toList());
    double maxApps = Stats.max(ls.stream().map(l -> l.appsMs).toList());
    System.out.printf("| %s | %s | %s | %s (max %s) | <= 1500 | %s |%n", name, Stats.f(banner), Stats.f(health), Stats.f(apps),
        Stats.f(maxApps), health <= 1500 && apps <= 1500 ? "met" : "MISSED");
  }

  record Launch(Path dir, String issuerId, String keyId, double bannerMs, double healthMs, double appsMs) {}

  /** One launch; {@code previous} carries the issuer and key of an existing data directory. */
  static Launch launch(Path jar, Path dir, Launch previous) throws Exception {
    try (ChildServer s = ChildServer.start(jar, dir, List.of(), previous == null ? null : previous.issuerId,
        previous == null ? null : previous.keyId)) {
      return new Launch(dir, s.issuerId, s.keyId, s.bannerMs, s.healthMs, s.appsMs);
    }
  }

  static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
