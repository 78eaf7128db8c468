package dev.braeburn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The admin API the CLI talks to: the server running on the data directory (found through its
 * {@code server.json}), a server given by URL, or — when none runs — one started in-process for
 * the duration of the command. One code path either way, and a running server learns of a
 * revocation at once instead of finding it on disk later.
 */
final class AdminConnection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An admin API answer: status and parsed JSON body (an empty object when there is none). */
  record Answer(int status, JsonNode body) {
    JsonNode orFail(int expected) {
      if (status != expected) {
        JsonNode error = body.path("errors").path(0);
        throw new CliException(error.isMissingNode() ? "the admin API answered " + status + ": " + body
            : error.path("detail").asText(error.path("title").asText()));
      }
      return body;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private final String adminToken;
  private final BraeburnServer embedded;

  private AdminConnection(String baseUrl, String adminToken, BraeburnServer embedded) {
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
    this.embedded = embedded;
  }

  /** Connects to {@code url} if given, else to the data directory's running server, else starts one. */
  static AdminConnection open(Path dataDir, String url, String adminToken) throws Exception {
    String token = adminToken != null ? adminToken : System.getenv("BRAEBURN_ADMIN_TOKEN");
    if (url != null) {
      return new AdminConnection(strip(url), require(token, dataDir), null);
    }
    String running = runningUrl(dataDir);
    if (running != null) {
      return new AdminConnection(running, require(token, dataDir), null);
    }
    Files.createDirectories(dataDir);
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dataDir).withQuiet(true);
    BraeburnServer server = BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    return new AdminConnection("http://127.0.0.1:" + server.port(), server.adminToken(), server);
  }

  /** The URL in {@code server.json} if that server answers its health check, else null. */
  static String runningUrl(Path dataDir) {
    Path file = dataDir.resolve(BraeburnServer.RUNNING_FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      String url = JSON.readTree(file.toFile()).path("url").asText(null);
      HttpResponse<Void> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/_braeburn/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return health.statusCode() == 200 ? url : null;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return null; // stale or unreadable file of a server that is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code token} if given, else the environment's, else the data directory's {@code admin-token}. */
  static String adminToken(String token, Path dataDir) throws IOException {
    return require(token != null ? token : System.getenv("BRAEBURN_ADMIN_TOKEN"), dataDir);
  }

  private static String require(String token, Path dataDir) throws IOException {
    if (token != null && !token.isBlank()) {
      return token.trim();
    }
    Path file = dataDir.resolve("admin-token");
    if (!Files.exists(file)) {
      throw new CliException("no admin token: set BRAEBURN_ADMIN_TOKEN or pass --admin-token (none in " + file + ")");
    }
    return Files.readString(file).trim();
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  Answer call(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", "Bearer " + adminToken)
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), parsed);
    } catch (IOException e) {
      throw new CliException("cannot reach the admin API at " + baseUrl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  /** The text body of a GET that must answer 200 (the CA's PEM files). */
  String text(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new CliException("the admin API answered " + response.statusCode() + " to " + path + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new CliException("cannot reach the admin API at " + baseUrl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  static ObjectMapper json() {
    return JSON;
  }

  @Override
  public void close() throws Exception {
    if (embedded != null) {
      embedded.close();
    }
  }
}
