package dev.braeburn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Launch to first 200: starts {@code java -jar braeburn.jar serve --port 0 --data <dir>} in a
 * separate JVM, reads the port from the banner and polls {@code GET /_braeburn/health} every 10 ms
 * until 200, then times the first authenticated {@code GET /v1/apps}. Runs N first starts (empty
 * data directory each time) and N restarts (an existing data directory). The process is stopped
 * after each launch.
 *
 * <p>Arguments: {@code --jar braeburn-cli/target/braeburn.jar --runs 5 [--launchers ./braeburn,OTHER]}; each launcher
 * script is run as {@code SCRIPT serve …} (a user's launch, with its startup cache) in turn with {@code java -jar}.
 */
public final class LaunchBenchmark {
  /** One way of launching the server: {@code java -jar}, or a launcher script with some environment. */
  interface Launcher {
    ChildServer start(Path dir, Launch previous) throws Exception;
  }

  record Variant(String name, Launcher launcher) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar")).toAbsolutePath();
    int runs = PagingBenchmark.intArg(args, "--runs", 5);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; run ./mvnw install -DskipTests first");
    }
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("java -jar " + jar.getFileName() + " serve", (dir, previous) -> ChildServer.start(jar, dir, List.of(),
        previous == null ? null : previous.issuerId, previous == null ? null : previous.keyId)));
    // --launchers ./braeburn,OTHER: the launcher scripts a user runs (startup cache included), A/B in the same run
    String launchers = stringArg(args, "--launchers", "");
    for (String name : launchers.isEmpty() ? new String[0] : launchers.split(",")) {
      Path script = Path.of(name).toAbsolutePath();
      variants.add(new Variant(name + " serve", (dir, previous) -> ChildServer.startWithLauncher(script, Map.of(), dir,
          previous == null ? null : previous.issuerId, previous == null ? null : previous.keyId)));
    }
    // warm the benchmark JVM's own HTTP client and ES256 signer so they are not billed to the server; the
    // launchers' warm-up launch also makes their startup cache when there is none for this jar yet
    for (Variant v : variants) {
      Launch warm = launch(v, Files.createTempDirectory("braeburn-launch"), null);
      PagingBenchmark.deleteRecursively(warm.dir);
    }

    Map<Variant, List<Launch>> first = new LinkedHashMap<>();
    Map<Variant, List<Launch>> restarts = new LinkedHashMap<>();
    for (int i = 0; i < runs; i++) { // the variants take turns, so a change in the machine's load is shared
      for (Variant v : variants) {
        Launch l = launch(v, Files.createTempDirectory("braeburn-launch"), null);
        System.out.printf("%s, first start %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", v.name, i + 1,
            Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
        first.computeIfAbsent(v, k -> new ArrayList<>()).add(l);
        if (i > 0) {
          PagingBenchmark.deleteRecursively(l.dir);
        }
      }
    }
    for (int i = 0; i < runs; i++) {
      for (Variant v : variants) {
        Launch prepared = first.get(v).getFirst();
        Launch l = launch(v, prepared.dir, prepared);
        System.out.printf("%s, restart %d: banner %s ms, health 200 %s ms, GET /v1/apps 200 %s ms%n", v.name, i + 1,
            Stats.f(l.bannerMs), Stats.f(l.healthMs), Stats.f(l.appsMs));
        restarts.computeIfAbsent(v, k -> new ArrayList<>()).add(l);
      }
    }
    first.values().forEach(ls -> PagingBenchmark.deleteRecursively(ls.getFirst().dir));

    System.out.println();
    System.out.printf("## Launch to first 200 (separate JVM, serve --port 0), median of %d%n", runs);
    System.out.println("| launch | banner printed ms | GET /_braeburn/health 200 ms | GET /v1/apps 200 (JWT) ms |");
    System.out.println("|---|---:|---:|---:|");
    for (Variant v : variants) {
      row(v.name + ", first start (empty data dir)", first.get(v));
      row(v.name + ", restart (existing data dir)", restarts.get(v));
    }
  }

  private static void row(String name, List<Launch> ls) {
    double banner = Stats.median(ls.stream().map(l -> l.bannerMs).toList());
    double health = Stats.median(ls.stream().map(l -> l.healthMs).toList());
    double apps = Stats.median(ls.stream().map(l -> l.appsMs).toList());
    double maxApps = Stats.max(ls.stream().map(l -> l.appsMs).toList());
    System.out.printf("| %s | %s | %s | %s (max %s) |%n", name, Stats.f(banner), Stats.f(health), Stats.f(apps), Stats.f(maxApps));
  }

  record Launch(Path dir, String issuerId, String keyId, double bannerMs, double healthMs, double appsMs) {}

  /** One launch; {@code previous} carries the issuer and key of an existing data directory. */
  static Launch launch(Variant variant, Path dir, Launch previous) throws Exception {
    try (ChildServer s = variant.launcher.start(dir, previous)) {
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
