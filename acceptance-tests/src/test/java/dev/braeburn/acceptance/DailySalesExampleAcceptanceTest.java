package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  static final Path SCRIPT = Path.of("..", "docs", "examples", "daily-sales.sh");

  TestServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(onPath("bash") && onPath("curl") && onPath("gunzip"), "bash, curl and gunzip are needed");
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  record Run(int exit, String out, String err) {}

  private Run run(String token, String vendor, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("BRAEBURN_URL", server.baseUrl());
    env.put("BRAEBURN_DATA", server.dataDir.toString());
    env.put("TOKEN", token);
    if (vendor != null) {
      env.put("VENDOR", vendor);
    }
    Path out = Files.createTempFile("daily-sales", ".out");
    Path err = Files.createTempFile("daily-sales", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theScriptPrintsTheDayExactlyAsDownloaded() throws Exception {
    SalesCalls calls = new SalesCalls(server);
    String day = LocalDate.now(SalesCalls.PACIFIC).minusDays(3).toString();
    Run run = run(server.token(), null, day);
    assertThat(run.exit()).as(run.err()).isZero();
    TestServer.Download download = calls.salesSummary("DAILY", day);
    assertThat(run.out()).isEqualTo(new String(ReportFiles.gunzip(download.body()), StandardCharsets.UTF_8));
    assertThat(run.out()).startsWith("Provider\tProvider Country\tSKU\t");

    Run latest = run(server.token(), null);
    assertThat(latest.exit()).as(latest.err()).isZero();
    assertThat(latest.out().lines().count()).isGreaterThan(1);
  }

  @Test
  void aDayWithoutSalesIsNotAFailure() throws Exception {
    String empty = server.createTeam("No Apps Yet");
    Run run = run(server.createKey("SALES", empty).token(), new SalesCalls(server).vendor(empty));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no sales");

    Run wrongVendor = run(server.token(), "80000000");
    assertThat(wrongVendor.exit()).isEqualTo(1);
    assertThat(wrongVendor.err()).contains("PARAMETER_ERROR.INVALID", "filter[vendorNumber]");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
