package dev.braeburn.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Braeburn server on a free port in a fresh data directory, with the first-start Admin key and
 * a JDK HTTP client that signs ES256 tokens the way App Store Connect clients do.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final BraeburnServer server;
  final Path dataDir;
  final String issuerId;
  final String keyId;
  private final ECPrivateKey privateKey;
  private final HttpClient http = HttpClient.newHttpClient();

  private final Config config;

  private TestServer(BraeburnServer server, Path dataDir, Config config) throws Exception {
    this(server, dataDir, config, server.firstStart().issuerId(), server.firstStart().keyId(),
        privateKey(Files.readString(server.firstStart().privateKeyFile())));
  }

  private TestServer(BraeburnServer server, Path dataDir, Config config, String issuerId, String keyId, ECPrivateKey privateKey) {
    this.server = server;
    this.dataDir = dataDir;
    this.config = config;
    this.issuerId = issuerId;
    this.keyId = keyId;
    this.privateKey = privateKey;
  }

  /** Closes this server and starts a new one on the same data directory (or PostgreSQL database), unseeded, on a new port. */
  TestServer restart() throws Exception {
    server.close();
    Config again = config.withSeed(null);
    return new TestServer(BraeburnServer.start(again, new PrintStream(PrintStream.nullOutputStream())), dataDir, again, issuerId, keyId, privateKey);
  }

  /**
   * A server with the given seed. Rate limits are off: suites like the conformance walk make
   * thousands of requests with one key; {@link #start(String, UnaryOperator)} turns them on.
   */
  static TestServer start(String seed) throws Exception {
    return start(seed, c -> c.withHourlyLimit(0));
  }

  /** A server whose config {@code tweak} adjusts (starting from Apple's defaults, 3600 requests an hour). */
  static TestServer start(String seed, UnaryOperator<Config> tweak) throws Exception {
    Path dir = Files.createTempDirectory("braeburn-test");
    Config config = Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withSeed(seed).withQuiet(true);
    if (TestDatabases.postgres()) {
      config = config.withStore("postgres", TestDatabases.freshPostgresDatabase());
    }
    config = tweak.apply(config);
    return new TestServer(BraeburnServer.start(config, new PrintStream(PrintStream.nullOutputStream())), dir, config);
  }

  /** A key created through the admin API, with its private key ready to mint tokens. */
  record Key(String keyId, String issuerId, List<String> roles, String type, ApiKeyFile file) {
    boolean individual() {
      return "INDIVIDUAL".equals(type);
    }

    /** A valid 10-minute token (sub "user" for an individual key). */
    String token() {
      return file.token().lifetime(Duration.ofMinutes(10)).build();
    }
  }

  /** Creates a team; returns its issuer ID. */
  String createTeam(String name) {
    Reply r = admin("POST", "/_braeburn/teams", "{\"name\":\"" + name + "\"}", null);
    if (r.status() != 201) {
      throw new IllegalStateException("team creation failed: " + r.status() + " " + r.body());
    }
    return r.json().path("issuerId").asText();
  }

  /** A team key with one role in the given team (null: the first team). */
  Key createKey(String role, String issuer) {
    return createKey(List.of(role), "TEAM", issuer);
  }

  /** A key of {@code type} TEAM or INDIVIDUAL with {@code roles} in the given team (null: the first team). */
  Key createKey(List<String> roles, String type, String issuer) {
    com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode().put("type", type);
    roles.forEach(body.putArray("roles")::add);
    if (issuer != null) {
      body.put("issuerId", issuer);
    }
    Reply r = admin("POST", "/_braeburn/keys", body.toString(), null);
    if (r.status() != 201) {
      throw new IllegalStateException("key creation failed: " + r.status() + " " + r.body());
    }
    JsonNode k = r.json();
    String keyIssuer = "INDIVIDUAL".equals(type) ? null : k.path("issuerId").asText();
    return new Key(k.path("keyId").asText(), k.path("issuerId").asText(), roles, type,
        ApiKeyFile.fromPem(k.path("keyId").asText(), keyIssuer, k.path("privateKey").asText()));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The HTTPS connector, by the name its certificate carries (start with {@code c -> c.withTlsPort(0)}). */
  String httpsBaseUrl() {
    return "https://localhost:" + server.tlsPort();
  }

  static ECPrivateKey privateKey(String pem) throws Exception {
    return ApiKeyFile.readPrivateKey(pem);
  }

  /** The first-start key, to mint tokens with. */
  ApiKeyFile keyFile() {
    return ApiKeyFile.of(keyId, issuerId, privateKey);
  }

  /** A valid 10-minute token for the first-start key. */
  String token() {
    return token(keyId, issuerId, privateKey);
  }

  static String token(String keyId, String issuerId, ECPrivateKey key) {
    return ApiKeyFile.of(keyId, issuerId, key).token().lifetime(Duration.ofMinutes(10)).build();
  }

  /** A response: status, headers and body text, with the body parsed as JSON on demand. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Reply get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, token());
  }

  Reply send(String method, String pathAndQuery, String body) {
    return send(method, pathAndQuery, body, token());
  }

  Reply send(String method, String pathAndQuery, String body, String bearer) {
    return send(method, pathAndQuery, body, bearer, "application/json");
  }

  Reply send(String method, String pathAndQuery, String body, String bearer, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl() + pathAndQuery));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A download: the body as bytes (report files are gzip). {@code bearer} null for public URLs. */
  record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body as text, e.g. an Apple error document. */
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** GET of {@code pathAndQuery} (or an absolute URL) with an {@code Accept} header, body kept as bytes. */
  Download download(String pathAndQuery, String bearer, String accept) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl() + pathAndQuery)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Admin API call with the server's admin token. */
  Reply admin(String method, String path, String body, String issuer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Authorization", "Bearer " + server.adminToken())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (issuer != null) {
      b.header("X-Braeburn-Issuer", issuer);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
