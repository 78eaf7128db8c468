package dev.braeburn.benchmarks;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What authentication costs: {@code GET /v1/apps/{id}} throughput on one demo-seeded server with
 * (a) a reused token — verified once, then served from the verified-token cache — and (b) no
 * token at all ({@code --no-auth}: the request acts as the first team's Admin key), interleaved
 * round by round so both see the same machine. (c) A fresh token per request shows what every
 * request would cost without the cache. The rate limiter runs in all modes (a huge limit).
 *
 * <p>Arguments (all optional): {@code --connections 16 --requests 4000 --rounds 5 --path /v1/apps/1600000001}.
 */
public final class AuthBenchmark {
  static final String DEFAULT_PATH = "/v1/apps/1600000001";

  public static void main(String[] args) throws Exception {
    int connections = PagingBenchmark.intArg(args, "--connections", 16);
    int requests = PagingBenchmark.intArg(args, "--requests", 4000);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 5);
    String path = stringArg(args, "--path", DEFAULT_PATH);
    Path dir = Files.createTempDirectory("braeburn-bench-auth");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo")
        .withAuthRequired(false).withHourlyLimit(Integer.MAX_VALUE);
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      ECPrivateKey key = Client.privateKey(Files.readString(server.firstStart().privateKeyFile()));
      String keyId = server.firstStart().keyId();
      String issuer = server.firstStart().issuerId();
      String reused = Client.token(keyId, issuer, key);
      // one distinct token per request of every round: a token seen in an earlier round would be cached
      List<String> fresh = new ArrayList<>(requests * rounds);
      for (int i = 0; i < requests * rounds; i++) {
        fresh.add(Client.token(keyId, issuer, key)); // distinct: iat/exp differ or the signature's nonce does
      }
      RawHttpLoad load = new RawHttpLoad("127.0.0.1", server.port());
      load.run(path, connections, requests, i -> reused); // warm-up of everything
      load.run(path, connections, requests, i -> null);
      List<Double> cached = new ArrayList<>();
      List<Double> anonymous = new ArrayList<>();
      List<Double> uncached = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // alternate the order so neither mode always runs right after the expensive one
        if (r % 2 == 0) {
          cached.add(load.run(path, connections, requests, i -> reused));
          anonymous.add(load.run(path, connections, requests, i -> null));
        } else {
          anonymous.add(load.run(path, connections, requests, i -> null));
          cached.add(load.run(path, connections, requests, i -> reused));
        }
        int offset = r * requests;
        uncached.add(load.run(path, connections, requests, i -> fresh.get(offset + i)));
      }
      double a = Stats.median(cached);
      double n = Stats.median(anonymous);
      double u = Stats.median(uncached);
      System.out.printf("GET %s, %d connections, %d requests x %d rounds (median req/s)%n", path, connections, requests, rounds);
      System.out.printf("  no auth (baseline)          %8.0f req/s%n", n);
      System.out.printf("  token, verified once+cached %8.0f req/s   ratio %.2f (target >= 0.8)%n", a, a / n);
      System.out.printf("  fresh token every request   %8.0f req/s   ratio %.2f (what the cache saves)%n", u, u / n);
    } finally {
      PagingBenchmark.deleteRecursively(dir);
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
