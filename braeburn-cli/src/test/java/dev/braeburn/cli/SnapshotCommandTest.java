package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braeburn snapshot save|load}: straight on the store of a data directory no server runs
 * on, and through the admin API of one that does; the file is replaced whole or not at all.
 */
class SnapshotCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  @TempDir Path files;
  private final HttpClient http = HttpClient.newHttpClient();
  private String issuerId;
  private BraeburnServer running;


  /** A data directory with the demo team and its first key, and no server left running on it. */
  @BeforeEach
  void prepare() throws Exception {
    try (BraeburnServer server = start(data, "demo")) {
      issuerId = server.firstStart().issuerId();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void aSnapshotSavedWithoutAServerLoadsIntoAFreshDataDirectory() throws Exception {
    Path file = files.resolve("fixture.json");
    CliRun saved = run("snapshot", "save", file.toString(), "--data", data.toString());
    assertThat(saved.exit()).as(saved.err()).isZero();
    assertThat(saved.out()).contains("Saved a snapshot of the whole server to " + file.toAbsolutePath());
    assertThat(data.resolve(BraeburnServer.RUNNING_FILE)).as("no server was started").doesNotExist();
    JsonNode doc = JSON.readTree(file.toFile());
    assertThat(doc.path("format").asText()).isEqualTo("braeburn-snapshot");
    assertThat(doc.path("teams").findValuesAsText("issuerId")).containsExactly(issuerId);
    assertThat(Files.readAllLines(file).size()).as("one record per line").isGreaterThan(doc.path("resources").size());

    Path fresh = files.resolve("fresh");
    CliRun loaded = run("snapshot", "load", file.toString(), "--data", fresh.toString());
    assertThat(loaded.exit()).as(loaded.err()).isZero();
    assertThat(loaded.out()).contains("into the whole server: 1 team, 1 key, " + doc.path("resources").size() + " resources");

    running = start(fresh, null);
    assertThat(running.firstStart()).as("the loaded team is there; no first start").isNull();
    assertThat(sections(adminGet(running, "/_braeburn/snapshot"))).isEqualTo(sections(doc));
  }

  @Test
  void aNameEndingInGzMeansGzipAndATeamSnapshotHoldsThatTeamOnly() throws Exception {
    Path file = files.resolve("team.json.gz");
    CliRun saved = run("snapshot", "save", file.toString(), "--team", issuerId, "--data", data.toString());
    assertThat(saved.exit()).as(saved.err()).isZero();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);

    Path fresh = files.resolve("fresh");
    start(fresh, null).close(); // a server of its own first: one team with its first key
    CliRun loaded = run("snapshot", "load", file.toString(), "--data", fresh.toString());
    assertThat(loaded.exit()).as(loaded.err()).isZero();
    assertThat(loaded.out()).contains("into team " + issuerId);
    running = start(fresh, null);
    assertThat(adminGet(running, "/_braeburn/teams").path("data")).hasSize(2);
  }

  @Test
  void aFailedSaveLeavesTheFileByteIdenticalAndNoTemporaryFile() throws Exception {
    Path file = files.resolve("fixture.json");
    Files.writeString(file, "the previous snapshot\n");
    byte[] before = Files.readAllBytes(file);

    CliRun direct = run("snapshot", "save", file.toString(), "--team", "no-such-team", "--data", data.toString());
    assertThat(direct.exit()).isEqualTo(1);
    assertThat(direct.err()).startsWith("braeburn: ").contains("no-such-team");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(listing(files)).containsExactly(file);

    running = start(data, null);
    CliRun remote = run("snapshot", "save", file.toString(), "--team", "no-such-team", "--data", data.toString());
    assertThat(remote.exit()).isEqualTo(1);
    assertThat(remote.err()).contains("no-such-team");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(listing(files)).containsExactly(file);
  }

  @Test
  void throughARunningServerALoadTakesEffectAtOnce() throws Exception {
    running = start(data, null);
    String keyId = keyId(run("keys", "create", "--role", "DEVELOPER", "--data", data.toString()).out());
    String token = run("token", "--key", keyId, "--data", data.toString()).out().trim();
    Path file = files.resolve("fixture.json");
    CliRun saved = run("snapshot", "save", file.toString(), "--data", data.toString());
    assertThat(saved.exit()).as(saved.err()).isZero();

    assertThat(run("keys", "revoke", keyId, "--data", data.toString()).exit()).isZero();
    assertThat(status(running, "/v1/apps", token)).isEqualTo(401);
    CliRun loaded = run("snapshot", "load", file.toString(), "--data", data.toString());
    assertThat(loaded.exit()).as(loaded.err()).isZero();
    assertThat(saved.err() + loaded.err()).as("no progress line when stderr is no terminal").isEmpty();
    assertThat(status(running, "/v1/apps", token)).as("the key was live in the snapshot").isEqualTo(200);
  }

  @Test
  void aSnapshotOfANewerFormatIsAOneLineErrorAndChangesNothing() throws Exception {
    Path good = files.resolve("good.json");
    assertThat(run("snapshot", "save", good.toString(), "--data", data.toString()).exit()).isZero();
    ObjectNode newer = (ObjectNode) JSON.readTree(good.toFile());
    newer.put("version", 9);
    Path file = files.resolve("newer.json");
    JSON.writeValue(file.toFile(), newer);

    CliRun loaded = run("snapshot", "load", file.toString(), "--data", data.toString());
    assertThat(loaded.exit()).isEqualTo(1);
    assertThat(loaded.err().strip()).startsWith("braeburn: this snapshot has format version 9").endsWith("(at /version)");
    Path again = files.resolve("again.json");
    assertThat(run("snapshot", "save", again.toString(), "--data", data.toString()).exit()).isZero();
    assertThat(sections(JSON.readTree(again.toFile()))).isEqualTo(sections(JSON.readTree(good.toFile())));
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static BraeburnServer start(Path dir, String seed) throws Exception {
    return BraeburnServer.start(Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir).withSeed(seed).withQuiet(true),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private JsonNode adminGet(BraeburnServer server, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private int status(BraeburnServer server, String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonNode sections(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("createdAt");
    return copy;
  }

  private static List<Path> listing(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static String keyId(String output) {
    Matcher m = Pattern.compile("Key ID:\\s+(\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }
}
