package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.Jws;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the App Store Server API costs beside App Store Connect's: on one demo-seeded server,
 * requests per second of
 * <ul>
 *   <li>{@code GET /v1/apps/1600000001} with a reused App Store Connect token (the baseline: the
 *       same read path every ASC GET takes, an 8.5 KB document);</li>
 *   <li>{@code GET /inApps/v1/transactions/{id}}: one stored transaction, answered as a JWS signed
 *       ES256 with its {@code x5c} chain on every request (Apple signs each answer anew);</li>
 *   <li>{@code GET /inApps/v1/subscriptions/{id}}: a subscription's statuses, two signatures
 *       (transaction and renewal info);</li>
 *   <li>{@code GET /inApps/v2/history/{id}}: a page of 20 signed transactions;</li>
 *   <li>{@code POST /_braeburn/storekit/purchases}: the purchase simulator, one write transaction and
 *       one signature per purchase.</li>
 * </ul>
 * Sixteen keep-alive connections, rounds interleaved so every mode sees the same machine. Request
 * limits are off ({@code --hourly-limit 0}) in every mode: Apple's per-endpoint limits would 429
 * the load within a second, and the comparison is about the work of serving.
 *
 * <p>Arguments (all optional): {@code --connections 16 --requests 2000 --rounds 5}.
 */
public final class ServerApiBenchmark {
  private static final String TIDELINE = "com.tidewaterlabs.tideline";
  private static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  private static final String TIP = "com.tidewaterlabs.tideline.tip.small";
  private static final String MONTHLY = "com.tidewaterlabs.ledgerly.plus.monthly";

  public static void main(String[] args) throws Exception {
    int connections = PagingBenchmark.intArg(args, "--connections", 16);
    int requests = PagingBenchmark.intArg(args, "--requests", 2000);
    int rounds = PagingBenchmark.intArg(args, "--rounds", 5);
    Path dir = Files.createTempDirectory("braeburn-bench-serverapi");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withQuiet(true).withSeed("demo")
        .withHourlyLimit(0);
    try (BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      Client client = new Client("http://127.0.0.1:" + server.port());
      String admin = server.adminToken();
      java.security.interfaces.ECPrivateKey ascKey = Client.privateKey(Files.readString(server.firstStart().privateKeyFile()));
      // App Store Connect tokens live at most 20 minutes: a fresh one each round (each is verified once, then cached)
      String[] asc = {null};
      Runnable newAscToken = () -> asc[0] = Client.token(server.firstStart().keyId(), server.firstStart().issuerId(), ascKey);
      newAscToken.run();
      JsonNode k = check(client.send("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", admin), 201, "key").json();
      ApiKeyFile iap = ApiKeyFile.fromPem(k.path("keyId").asText(), k.path("issuerId").asText(), k.path("privateKey").asText());
      String tideline = storeKitToken(iap, TIDELINE);
      String ledgerly = storeKitToken(iap, LEDGERLY);

      // one customer with 20 tips (a full history page), one subscriber
      String tip = null;
      for (int i = 0; i < 20; i++) {
        tip = purchase(client, admin, TIDELINE, TIP, "collector");
      }
      String subscription = purchase(client, admin, LEDGERLY, MONTHLY, "subscriber");

      RawHttpLoad load = new RawHttpLoad("127.0.0.1", server.port());
      List<Mode> modes = List.of(
          new Mode("GET /v1/apps/1600000001 (App Store Connect, baseline)", i -> load.get("/v1/apps/1600000001", asc[0])),
          new Mode("GET /inApps/v1/transactions/{id} (1 signature)", path(load, "/inApps/v1/transactions/" + tip, tideline)),
          new Mode("GET /inApps/v1/subscriptions/{id} (2 signatures)", path(load, "/inApps/v1/subscriptions/" + subscription, ledgerly)),
          new Mode("GET /inApps/v2/history/{id} (20 signatures)", path(load, "/inApps/v2/history/" + tip, tideline)),
          new Mode("POST /_braeburn/storekit/purchases (write + 1 signature)", i -> load.post("/_braeburn/storekit/purchases", admin,
              "{\"bundleId\":\"" + TIDELINE + "\",\"productId\":\"" + TIP + "\",\"customer\":\"bench" + (i % 64) + "\"}")));
      for (Mode m : modes) {
        m.run(load, connections, requests / 4); // warm-up
      }
      for (int r = 0; r < rounds; r++) {
        newAscToken.run();
        System.err.printf("round %d of %d%n", r + 1, rounds);
        for (int j = 0; j < modes.size(); j++) {
          modes.get((j + r) % modes.size()).measure(load, connections, requests); // rotate the order
        }
      }
      double base = Stats.median(modes.get(0).rates);
      System.out.printf("App Store Server API vs App Store Connect, %d connections, %d requests x %d rounds (median req/s)%n",
          connections, requests, rounds);
      for (Mode m : modes) {
        double rate = Stats.median(m.rates);
        System.out.printf("  %-58s %8.0f req/s  ratio %.2f  (min %.0f, max %.0f)%n", m.name, rate, rate / base,
            Stats.min(m.rates), Stats.max(m.rates));
      }
    } finally {
      PagingBenchmark.deleteRecursively(dir);
    }
  }

  private static final class Mode {
    final String name;
    final java.util.function.IntFunction<byte[]> request;
    final List<Double> rates = new ArrayList<>();

    Mode(String name, java.util.function.IntFunction<byte[]> request) {
      this.name = name;
      this.request = request;
    }

    void run(RawHttpLoad load, int connections, int requests) throws Exception {
      load.run(connections, requests, request, name.startsWith("POST") ? 201 : 200, false);
    }

    void measure(RawHttpLoad load, int connections, int requests) throws Exception {
      rates.add(load.run(connections, requests, request, name.startsWith("POST") ? 201 : 200, false).perSecond());
    }
  }

  private static java.util.function.IntFunction<byte[]> path(RawHttpLoad load, String path, String token) {
    byte[] bytes = load.get(path, token);
    return i -> bytes;
  }

  private static String purchase(Client client, String admin, String bundleId, String productId, String customer) throws Exception {
    return check(client.send("POST", "/_braeburn/storekit/purchases",
        "{\"bundleId\":\"" + bundleId + "\",\"productId\":\"" + productId + "\",\"customer\":\"" + customer + "\"}", admin), 201, "purchase")
        .json().path("transactionId").asText();
  }

  private static Client.Reply check(Client.Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + ": " + reply.status() + " " + Client.abbreviate(reply.body()));
    }
    return reply;
  }

  /** A token as Apple's libraries mint it for this API: {aud, exp, iss, bid}, ES256, kid; 60 minutes (the most Apple takes). */
  private static String storeKitToken(ApiKeyFile key, String bundleId) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("kid", key.keyId());
    header.put("typ", "JWT");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", "appstoreconnect-v1");
    claims.put("exp", Instant.now().getEpochSecond() + 3000);
    claims.put("iss", key.issuerId());
    claims.put("bid", bundleId);
    return Jws.sign(header, claims, key.privateKey(), Jws.SignatureFormat.RAW_R_S);
  }
}
