package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Apple's Node library ({@code @apple/app-store-server-library}, pinned in src/test/node/package-lock.json)
 * as a client of Braeburn: {@code server-library.mjs} runs its steps with {@code AppStoreServerAPIClient}
 * (only the base URL changed) and {@code SignedDataVerifier} trusting Braeburn's root. Skipped when
 * {@code node} or {@code node_modules} is absent ({@code .ci/run} installs them with {@code npm ci}).
 */
class NodeServerLibraryAcceptanceTest extends SharedDemoServerTest {
  private static final Path PROJECT = Path.of("src/test/node");
  private static final long TIMEOUT_SECONDS = 120;

  @Test
  void applesNodeLibraryCallsBraeburnAndVerifiesWhatItSigns() throws Exception {
    assumeTrue(Files.isDirectory(PROJECT.resolve("node_modules/@apple/app-store-server-library")), "run npm ci --prefix acceptance-tests/src/test/node");
    assumeTrue(nodeRuns(), "node is not installed");
    JsonNode key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
    // a sandbox notification URL (example.com: recorded, never contacted), so a test notification can be asked for
    assertThat(server.send("PATCH", "/v1/apps/1600000001", "{\"data\":{\"type\":\"apps\",\"id\":\"1600000001\",\"attributes\":"
        + "{\"subscriptionStatusUrlForSandbox\":\"https://notifications.example.com/sandbox\","
        + "\"subscriptionStatusUrlVersionForSandbox\":\"V2\"}}}").status()).isEqualTo(200);

    ProcessBuilder pb = new ProcessBuilder("node", "server-library.mjs").directory(PROJECT.toFile()).redirectErrorStream(true);
    pb.environment().put("BASE_URL", server.baseUrl());
    pb.environment().put("KEY_ID", key.path("keyId").asText());
    pb.environment().put("ISSUER_ID", key.path("issuerId").asText());
    pb.environment().put("BUNDLE_ID", "com.tidewaterlabs.tideline");
    pb.environment().put("APP_APPLE_ID", "1600000001");
    pb.environment().put("PRIVATE_KEY_PEM", key.path("privateKey").asText());
    pb.environment().put("ROOT_CA_PEM", server.send("GET", "/_braeburn/ca/roots.pem", null, null).body());
    pb.environment().put("ADMIN_TOKEN", server.server.adminToken());
    Process process = pb.start();
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(finished).as("node finished within %d s; output:%n%s", TIMEOUT_SECONDS, output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    List<JsonNode> steps = new ArrayList<>();
    for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
      steps.add(TestServer.JSON.readTree(line));
    }
    assertThat(steps).as(output).extracting(s -> s.path("step").asText())
        .contains("purchase (simulator) and getTransactionInfo", "getTransactionHistory v2", "getAppTransactionInfo",
            "sendConsumptionInformation refused with 4000035", "finishTransaction", "requestTestNotification",
            "getTestNotificationStatus", "getImageList", "getRealtimeURL refused with 4040021",
            "performance test with a verified realtime request");
    assertThat(steps).as(output).allMatch(s -> s.path("ok").asBoolean(), "every step passed, the optional ones too");
    JsonNode performance = steps.stream().filter(s -> s.path("step").asText().startsWith("performance")).findFirst().orElseThrow();
    assertThat(performance.path("detail").path("result").asText()).as(output).isEqualTo("PASS");
    assertThat(performance.path("detail").path("environment").asText()).isEqualTo("Sandbox");
  }

  static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
