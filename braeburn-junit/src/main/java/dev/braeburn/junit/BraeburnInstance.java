package dev.braeburn.junit;

import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.client.api.BraeburnAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server a {@link Braeburn} test runs against, as a test parameter: where it listens, the
 * Admin team key its first start created (what App Store Connect's Integrations page hands out),
 * tokens for it, and the virtual clock.
 */
public final class BraeburnInstance {
  private final RunningServer running;
  private final ApiKeyFile apiKey;

  RunningServer running() {
    return running;
  }

  BraeburnInstance(RunningServer running) {
    this.running = running;
    try {
      var first = running.server().firstStart();
      this.apiKey = ApiKeyFile.fromFile(first.privateKeyFile(), first.keyId(), first.issuerId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}; App Store Connect paths ({@code /v1/apps}) resolve against it. */
  public URI baseUrl() {
    return running.baseUrl();
  }

  /** The team's issuer ID (the {@code iss} of its tokens, {@code X-Braeburn-Issuer} on admin calls). */
  public String issuerId() {
    return apiKey.issuerId();
  }

  /** The Admin team key's ID (the {@code kid} of its tokens). */
  public String keyId() {
    return apiKey.keyId();
  }

  /** The key's {@code AuthKey_<KEYID>.p8}, for tools that read the file themselves. */
  public Path privateKeyFile() {
    return running.server().firstStart().privateKeyFile();
  }

  /** The Admin team key, to mint tokens with any lifetime or scope. */
  public ApiKeyFile apiKey() {
    return apiKey;
  }

  /** The bearer token for {@code /_braeburn/} calls. */
  public String adminToken() {
    return running.server().adminToken();
  }

  /** A fresh ES256 token for the Admin key, valid ten minutes by the wall clock (as Apple checks it). */
  public String token() {
    return apiKey.token().lifetime(Duration.ofMinutes(10)).build();
  }

  /**
   * braeburn-client's App Store Connect client for the Admin key, pointed at this server: paging that
   * stops on Apple's endless {@code links.next}, retries on 429 and 5xx (docs/java-client.md). A new
   * one each call, on the server's one HTTP client: connections stay open from test to test.
   */
  public AppStoreConnectClient client() {
    return AppStoreConnectClient.builder(apiKey).baseUrl(baseUrl().toString()).httpClient(running.http()).build();
  }

  /** braeburn-client's client for {@code /_braeburn/} (teams, keys, clock, snapshots, faults, quirks). */
  public BraeburnAdmin admin() {
    return new BraeburnAdmin(baseUrl().toString(), adminToken(), running.http());
  }

  /** Moves server time forward, running the scheduled work that comes due on the way (reviews, webhooks …). */
  public void advanceClock(Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("the clock only moves forward: " + by);
    }
    running.admin("POST", "/_braeburn/clock/advance",
        ("{\"seconds\":" + by.toSeconds() + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Braeburn at " + baseUrl() + " (issuer " + issuerId() + ", key " + keyId() + ")";
  }
}
