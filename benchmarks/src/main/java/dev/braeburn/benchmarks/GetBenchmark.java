package dev.braeburn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authenticated {@code GET /v1/apps/{id}} of one or two server jars against a bare Jetty returning
 * the same bytes, all in one run (section 4's measurement without the growth, create and walk
 * stages, so that a change can be measured A/B in a few minutes): {@code --jar} is the server under
 * test, {@code --base-jar} (optional) the one it is compared with, e.g. a jar built from the base
 * commit. Each server is a child JVM on SQLite ({@code --store postgres} is not offered here), with
 * one app and a cached ES256 token; rounds alternate the order of all servers. {@code --profile}
 * then records 20 s of load (JFR, 1 ms sampling) on each jar, after the measured rounds.
 */
public final class GetBenchmark {
  public static void main(String[] args) throws Exception {
    Map<String, Path> jars = new LinkedHashMap<>();
    String base = AuthBenchmark.stringArg(args, "--base-jar", null);
    if (base != null) {
      jars.put("base", copy(Path.of(base)));
    }
    jars.put("new", copy(Path.of(AuthBenchmark.stringArg(args, "--jar", "braeburn-cli/target/braeburn.jar"))));
    int requests = PagingBenchmark.intArg(args, "--requests", 8000);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 5);
    int profileSeconds = Arrays.asList(args).contains("--profile") ? PagingBenchmark.intArg(args, "--profile-seconds", 20) : 0;
    int[] connections = Arrays.stream(AuthBenchmark.stringArg(args, "--connections", "16,64").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

    Map<String, ChildServer> servers = new LinkedHashMap<>();
    Map<String, RawHttpLoad> loads = new LinkedHashMap<>();
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, Long> pids = new LinkedHashMap<>();
    List<Path> dirs = new ArrayList<>();
    byte[] body = null;
    List<String> headerLines = null;
    try {
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        Path dir = Files.createTempDirectory("braeburn-get-" + jar.getKey());
        dirs.add(dir);
        ChildServer s = ChildServer.start(jar.getValue(), dir, List.of("--hourly-limit", StoreBenchmark.HOURLY_LIMIT), null, null);
        servers.put(jar.getKey(), s);
        pids.put(jar.getKey(), s.pid());
        StoreBenchmark.loadBundleIds(new Client(s.baseUrl()), s.adminToken(), 0, 1); // the app (and one bundle ID)
        String token = new StoreBenchmark.Tokens(s.keyId, s.issuerId, s.key()).get();
        RawHttpLoad load = new RawHttpLoad("127.0.0.1", s.port);
        RawHttpLoad.Response r = load.fetch(load.get(StoreBenchmark.APP_PATH, token));
        if (r.status() != 200) {
          throw new IllegalStateException(jar.getKey() + ": " + StoreBenchmark.APP_PATH + " returned " + r.status());
        }
        if (body == null) {
          body = r.body();
          headerLines = new ArrayList<>();
          for (Map.Entry<String, String> h : r.headers().entrySet()) {
            if (!h.getKey().equals("date") && !h.getKey().equals("content-length") && !h.getKey().equals("connection")) {
              headerLines.add(StoreBenchmark.canonical(h.getKey()) + ": " + h.getValue());
            }
          }
        } else if (r.body().length != body.length) {
          System.out.printf("note: %s returns %d body bytes, the first jar %d%n", jar.getKey(), r.body().length, body.length);
        }
        loads.put(jar.getKey(), load);
        tokens.put(jar.getKey(), token);
        // warm the server (JIT) before anything is measured
        load.run(StoreBenchmark.APP_PATH, 16, 5 * requests, i -> token);
      }
      try (BareJetty.Child bare = BareJetty.start(body, headerLines)) {
        RawHttpLoad bareLoad = new RawHttpLoad("127.0.0.1", bare.port());
        String anyToken = tokens.values().iterator().next();
        loads.put("bare", bareLoad);
        pids.put("bare", bare.process().pid());
        tokens.put("bare", anyToken);
        System.out.printf("GET %s: %d body bytes, headers %s%n", StoreBenchmark.APP_PATH, body.length, headerLines);
        double previous = 0;
        for (int w = 0; w < 10; w++) { // warm the bare Jetty until a run is no faster than the one before
          double rps = bareLoad.run(StoreBenchmark.APP_PATH, 16, requests, i -> anyToken);
          if (rps < previous * 1.05) {
            break;
          }
          previous = rps;
        }
        List<String> names = new ArrayList<>(loads.keySet());
        for (int conns : connections) {
          Map<String, List<Double>> rps = new LinkedHashMap<>();
          Map<String, long[]> cpu = new LinkedHashMap<>(); // CPU ticks of each server JVM over its measured runs
          for (String n : names) {
            loads.get(n).run(StoreBenchmark.APP_PATH, conns, requests, i -> tokens.get(n)); // warm-up at this count
            rps.put(n, new ArrayList<>());
            cpu.put(n, new long[1]);
          }
          for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) { // rotate the order so that none always runs first
              String n = names.get((k + r) % names.size());
              long before = cpuTicks(pids.get(n));
              rps.get(n).add(loads.get(n).run(StoreBenchmark.APP_PATH, conns, requests, i -> tokens.get(n)));
              cpu.get(n)[0] += cpuTicks(pids.get(n)) - before;
            }
          }
          double bareMedian = Stats.median(rps.get("bare"));
          StringBuilder line = new StringBuilder(String.format("%d connections, %d requests x %d rounds:", conns, requests, rounds));
          for (String n : names) {
            double m = Stats.median(rps.get(n));
            line.append(String.format("%n  %-5s median %,8.0f req/s (%s), server CPU %.1f µs/request", n, m,
                rps.get(n).stream().map(x -> String.format("%.0f", x)).toList(), cpu.get(n)[0] * 10_000.0 / ((long) requests * rounds)));
            if (!n.equals("bare")) {
              line.append(String.format("  ratio to bare %.2f", m / bareMedian));
            }
          }
          System.out.println(line);
        }
      }
      System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
      if (profileSeconds > 0) {
        for (Map.Entry<String, ChildServer> s : servers.entrySet()) {
          RawHttpLoad load = loads.get(s.getKey());
          String token = tokens.get(s.getKey());
          JfrProfile p = new JfrProfile(s.getValue(), true);
          double ms = p.during(() -> {
            long t = System.nanoTime();
            long end = t + profileSeconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
              load.run(StoreBenchmark.APP_PATH, 16, requests, i -> token);
            }
            return Stats.ms(System.nanoTime() - t);
          });
          System.out.print(p.report("profile of " + s.getKey() + ": GET " + StoreBenchmark.APP_PATH + " over 16 connections", ms, 15));
        }
      }
    } finally {
      for (ChildServer s : servers.values()) {
        s.close();
      }
      dirs.forEach(PagingBenchmark::deleteRecursively);
      for (Path jar : jars.values()) {
        Files.deleteIfExists(jar);
      }
    }
  }

  /** User + system CPU of a process so far, in clock ticks (1/100 s), from /proc/<pid>/stat. */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
  }

  /** A private copy: a rebuild during the run must not change the server. */
  private static Path copy(Path jar) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist");
    }
    Path copy = Files.createTempFile("braeburn-get-bench", ".jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }
}
