package dev.braeburn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braeburn faults}: rules added from options are stored in the data directory, listed, removed and cleared. */
class FaultsCommandTest {
  @TempDir Path data;

  @Test
  void rulesAddedFromTheCommandLineAreListedRemovedAndCleared() {
    CliRun added = CliRun.of("faults", "add", "--id", "limited", "--method", "GET", "--path", "/v1/apps/*/inAppPurchasesV2",
        "--error", "429", "--count", "3", "--data", data.toString());
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).startsWith("limited  error 429  GET /v1/apps/*/inAppPurchasesV2  injected 0, 3 left");

    CliRun slow = CliRun.of("faults", "add", "--id", "slow", "--latency", "250", "--probability", "0.5", "--seed", "7",
        "--data", data.toString());
    assertThat(slow.exit()).as(slow.err()).isZero();

    CliRun listed = CliRun.of("faults", "list", "--data", data.toString());
    assertThat(listed.out().lines().toList()).hasSize(2);
    assertThat(listed.out()).contains("slow  latency 250 ms  * /**  p=0.5 seed 7");

    CliRun bad = CliRun.of("faults", "add", "--error", "404", "--data", data.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("401, 429, 500, 502 or 503");

    assertThat(CliRun.of("faults", "remove", "slow", "--data", data.toString()).exit()).isZero();
    assertThat(CliRun.of("faults", "list", "--data", data.toString()).out().lines().toList()).hasSize(1);
    assertThat(CliRun.of("faults", "clear", "--data", data.toString()).exit()).isZero();
    assertThat(CliRun.of("faults", "list", "--data", data.toString()).out()).isEmpty();
  }
}
