package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worked example docs/examples/daily-sales.sh (bash + curl + gunzip) run against a server, as
 * a reader would run it — when those tools are installed. The token is passed in {@code TOKEN}
 * rather than minted by {@code ./braeburn token}, which would build the CLI jar inside the test;
 * the vendor number is looked up by the script itself through the data directory's admin token.
 */
class DailySalesExampleAcceptanceTest {

  TestServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(ExampleScripts.onPath(List.of("bash", "curl", "gunzip")), "bash, curl and gunzip are needed");
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private ExampleScripts.Run run(String token, String vendor, String... args) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(Map.of("BRAEBURN_URL", server.baseUrl(), "BRAEBURN_DATA", server.dataDir.toString(), "TOKEN", token));
    if (vendor != null) {
      env.put("VENDOR", vendor);
    }
    return ExampleScripts.run("daily-sales.sh", env, args);
  }

  @Test
  void theScriptPrintsTheDayExactlyAsDownloaded() throws Exception {
    SalesCalls calls = new SalesCalls(server);
    String day = LocalDate.now(SalesCalls.PACIFIC).minusDays(3).toString();
    ExampleScripts.Run run = run(server.token(), null, day);
    assertThat(run.exit()).as(run.err()).isZero();
    TestServer.Download download = calls.salesSummary("DAILY", day);
    assertThat(run.out()).isEqualTo(new String(ReportFiles.gunzip(download.body()), StandardCharsets.UTF_8));
    assertThat(run.out()).startsWith("Provider\tProvider Country\tSKU\t");

    ExampleScripts.Run latest = run(server.token(), null);
    assertThat(latest.exit()).as(latest.err()).isZero();
    assertThat(latest.out().lines().count()).isGreaterThan(1);
  }

  @Test
  void aDayWithoutSalesIsNotAFailure() throws Exception {
    String empty = server.createTeam("No Apps Yet");
    ExampleScripts.Run run = run(server.createKey("SALES", empty).token(), new SalesCalls(server).vendor(empty));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no sales");

    ExampleScripts.Run wrongVendor = run(server.token(), "80000000");
    assertThat(wrongVendor.exit()).isEqualTo(1);
    assertThat(wrongVendor.err()).contains("PARAMETER_ERROR.INVALID", "filter[vendorNumber]");
  }
}
