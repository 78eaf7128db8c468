package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console's Apps page and an app's dashboard in a real browser ({@link ConsoleBrowser}), on the demo seed. */
class ConsoleDashboardBrowserAcceptanceTest {

  @Test
  void aBrowserOpensAnAppsDashboardAndReadsTheMetricsSummaryTotals() throws Exception {
    try (TestServer server = TestServer.start("demo"); ConsoleBrowser browser = ConsoleBrowser.open(server)) {
      browser.signIn();
      browser.driver.findElement(By.linkText("Apps")).click();
      browser.await.until(ExpectedConditions.urlContains("/_braeburn/console/apps"));
      WebElement first = browser.find(By.cssSelector("table.apps a"));
      browser.screenshot("apps");

      String appId = first.getAttribute("href").replaceAll(".*/apps/([^?]+)\\?.*", "$1");
      JsonNode summary = server.admin("GET", "/_braeburn/metrics/apps/" + appId, null, server.issuerId).json().path("data");
      first.click();
      browser.await.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.chart[data-measure='proceedsUsd']")));
      assertThat(browser.driver.getTitle()).startsWith(summary.path("name").asText());

      var charts = browser.driver.findElements(By.cssSelector("svg.chart[data-total]"));
      assertThat(charts).hasSize(5);
      for (WebElement chart : charts) {
        String measure = chart.getAttribute("data-measure");
        JsonNode total = summary.path("totals").path(measure);
        assertThat(new BigDecimal(chart.getAttribute("data-total"))).as(measure).isEqualByComparingTo(new BigDecimal(total.asText()));
        String shown = browser.driver.findElement(By.cssSelector("p.total[data-measure='" + measure + "']")).getText();
        assertThat(shown).as(measure).isEqualTo(measure.equals("proceedsUsd")
            ? String.format(Locale.US, "$%,.2f", new BigDecimal(total.asText()))
            : String.format(Locale.US, "%,d", total.asLong()));
      }
      assertThat(browser.driver.findElements(By.cssSelector("table.territories tr[data-territory]")))
          .hasSize(summary.path("territories").size());
      browser.screenshot("dashboard");
    }
  }
}
