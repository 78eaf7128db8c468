package dev.braeburn.cli;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The workload the {@code braeburn} launcher records its startup cache from (JDK 25's AOT cache,
 * {@code -XX:AOTCacheOutput}): what a launch does before its first answer. A first start on the
 * empty data directory it is given (schema, team, key), one authenticated {@code GET /v1/apps},
 * a stop, then a restart on that directory and the same request. The JVM keeps the classes these
 * load and link, and the methods' profiles, so a real launch finds them ready (docs/benchmarks.md §2).
 */
final class StartupTraining {
  private StartupTraining() {}

  static void run(Config config, PrintStream out) throws Exception {
    String issuerId;
    String keyId;
    java.nio.file.Path keyFile;
    try (BraeburnServer server = BraeburnServer.start(config, out)) {
      BraeburnServer.FirstStart first = server.firstStart();
      if (first == null) {
        throw new CliException("--startup-training needs an empty data directory");
      }
      issuerId = first.issuerId();
      keyId = first.keyId();
      keyFile = first.privateKeyFile();
      listApps(server.port(), ApiKeyFile.fromFile(keyFile, keyId, issuerId));
    }
    try (BraeburnServer server = BraeburnServer.start(config, out)) {
      listApps(server.port(), ApiKeyFile.fromFile(keyFile, keyId, issuerId));
    }
  }

  private static void listApps(int port, ApiKeyFile key) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/apps"))
          .header("Authorization", "Bearer " + key.token().build()).build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new CliException("startup training: GET /v1/apps returned " + status);
      }
    }
  }
}
