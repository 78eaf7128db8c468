package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The worked example docs/examples/analytics-download.sh (bash, curl, jq, gunzip, md5sum) run as a
 * reader runs it — when those tools are installed: first it makes the app's ONGOING request and
 * finds no instances yet; after the clock moves on it does the five steps, checks every segment's
 * size and MD5, and keeps each Date's rows from the newest instance, whose Install counts are then
 * the dashboard's installations for every complete day.
 */
class AnalyticsExampleAcceptanceTest extends AnalyticsSuite {
  static final List<String> TOOLS = List.of("bash", "curl", "jq", "gunzip", "md5sum", "awk");

  private ExampleScripts.Run run(String... args) throws Exception {
    return ExampleScripts.run("analytics-download.sh", Map.of("BRAEBURN_URL", server.baseUrl(), "TOKEN", server.token()), args);
  }

  @Test
  void theFiveStepsGiveTheDashboardsInstallations() throws Exception {
    assumeTrue(ExampleScripts.onPath(TOOLS), "needs " + TOOLS);

    ExampleScripts.Run first = run(APP);
    assertThat(first.exit()).as(first.err()).isEqualTo(3);
    assertThat(first.err()).contains("requested reports for app " + APP, "no DAILY instances");

    calls.advance(12);
    ExampleScripts.Run run = run(APP);
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    List<String> header = List.of(lines.getFirst().split("\t", -1));
    assertThat(header).startsWith("Date", "App Name", "App Apple Identifier", "Event", "Download Type").contains("Counts", "Unique Devices");

    Map<LocalDate, Long> installs = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      if (cells[header.indexOf("Event")].equals("Install")) {
        installs.merge(LocalDate.parse(cells[header.indexOf("Date")]), Long.parseLong(cells[header.indexOf("Counts")]), Long::sum);
      }
    }
    LocalDate lastComplete = calls.today().minusDays(5); // the Installation report's completeness window
    LocalDate firstDate = installs.keySet().iterator().next();
    Map<LocalDate, JsonNode> summary = calls.summary(APP, firstDate, lastComplete);
    assertThat(summary).hasSizeGreaterThanOrEqualTo(5);
    summary.forEach((day, numbers) ->
        assertThat(installs.getOrDefault(day, 0L)).as("installations of %s", day).isEqualTo(numbers.path("installations").asLong()));
    assertThat(installs.keySet()).doesNotHaveDuplicates().contains(lastComplete.plusDays(1)); // partial days come too, once
  }
}
