package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.BraeburnServer;
import dev.braeburn.server.Config;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braeburn keys …} and {@code braeburn token …} against a running server on the same data
 * directory (found through its server.json) and, once it has stopped, against an in-process one.
 */
class KeysAndTokenCommandTest {
  @TempDir Path data;
  private BraeburnServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What one command printed, and its exit code. */

  @BeforeEach
  void start() throws Exception {
    server = BraeburnServer.start(Config.defaults().withHost("127.0.0.1").withPort(0).withDataDir(data).withQuiet(true),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private int status(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String keyId(String output) {
    Matcher m = Pattern.compile("Key ID:\\s+(\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  @Test
  void createWritesTheP8AsAppStoreConnectHandsItOutAndItsTokensWork() throws Exception {
    CliRun created = run("keys", "create", "--role", "APP_MANAGER", "--data", data.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    String keyId = keyId(created.out());
    Path p8 = data.resolve("AuthKey_" + keyId + ".p8");
    assertThat(Files.readString(p8)).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----END PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p8))).isEqualTo("rw-------");
    assertThat(created.out()).contains("Issuer ID:   " + server.firstStart().issuerId());

    CliRun token = run("token", "--key", keyId, "--data", data.toString());
    assertThat(token.exit()).as(token.err()).isZero();
    assertThat(status("/v1/apps", token.out().trim())).isEqualTo(200);
    assertThat(status("/v1/users", token.out().trim())).isEqualTo(403); // App Manager is not Admin

    CliRun list = run("keys", "list", "--data", data.toString());
    assertThat(list.out()).contains(keyId).contains("APP_MANAGER").contains(server.firstStart().keyId());
  }

  @Test
  void revokingThroughTheCliStopsTheRunningServerFromAcceptingTheKeyAtOnce() throws Exception {
    String keyId = keyId(run("keys", "create", "--role", "DEVELOPER", "--data", data.toString()).out());
    String token = run("token", "--key", keyId, "--data", data.toString()).out().trim();
    assertThat(status("/v1/apps", token)).isEqualTo(200);

    CliRun revoked = run("keys", "revoke", keyId, "--data", data.toString());
    assertThat(revoked.exit()).isZero();
    assertThat(status("/v1/apps", token)).isEqualTo(401);
    assertThat(run("keys", "list", "--data", data.toString()).out()).containsPattern(keyId + ".*revoked");
  }

  @Test
  void individualKeysMintTokensWithoutIssuer() throws Exception {
    CliRun created = run("keys", "create", "--individual", "--role", "ADMIN,DEVELOPER", "--data", data.toString());
    assertThat(created.out()).contains("Individual key created").doesNotContain("Issuer ID");
    String token = run("token", "--key", keyId(created.out()), "--data", data.toString()).out().trim();
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(payload).contains("\"sub\":\"user\"").doesNotContain("\"iss\"");
    assertThat(status("/v1/apps", token)).isEqualTo(200);
  }

  @Test
  void explainListsEveryCheckAndExitsNonZeroForARejectedToken() {
    String token = run("token", "--data", data.toString()).out().trim(); // the first-start key
    CliRun good = run("token", "--explain", token, "--data", data.toString());
    assertThat(good.exit()).isZero();
    assertThat(good.out()).contains("ok    signature").contains("verdict: accepted");

    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
    CliRun bad = run("token", "--explain", tampered, "--data", data.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL  signature").contains("verdict: rejected");
  }

  @Test
  void withoutARunningServerTheCommandsWorkOnTheDataDirectory() throws Exception {
    server.close();
    server = null;
    assertThat(data.resolve(BraeburnServer.RUNNING_FILE)).doesNotExist();
    CliRun created = run("keys", "create", "--role", "FINANCE", "--data", data.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    CliRun list = run("keys", "list", "--data", data.toString());
    assertThat(list.out()).contains(keyId(created.out())).contains("FINANCE");
  }

  @Test
  void mistakesAreOneLineErrors() {
    CliRun badRole = run("keys", "create", "--role", "OWNER", "--data", data.toString());
    assertThat(badRole.exit()).isEqualTo(1);
    assertThat(badRole.err()).startsWith("braeburn: 'OWNER' is not a role");
    CliRun unknownKey = run("keys", "revoke", "NOSUCHKEY0", "--data", data.toString());
    assertThat(unknownKey.exit()).isEqualTo(1);
    assertThat(unknownKey.err()).contains("NOSUCHKEY0");
    CliRun tooLong = run("token", "--lifetime", "1500", "--data", data.toString());
    assertThat(tooLong.exit()).isEqualTo(1);
    assertThat(tooLong.err()).contains("only tokens with a --scope of GET requests");
  }

  @Test
  void sixMonthTokensForXcodeCloudScopes() throws Exception {
    long days150 = 150L * 24 * 3600;
    CliRun run = run("token", "--lifetime", Long.toString(days150), "--scope", "GET /v1/ciProducts", "--data", data.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(status("/v1/ciProducts", run.out().trim())).isEqualTo(200);
    assertThat(status("/v1/apps", run.out().trim())).isEqualTo(401); // outside its scope
    String appsScope = run("token", "--lifetime", Long.toString(days150), "--scope", "GET /v1/apps", "--data", data.toString()).out().trim();
    assertThat(status("/v1/apps", appsScope)).isEqualTo(401); // apps are not a long-lived resource
  }
}
