package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's chromium, headless, through its chromedriver (both given
 * explicitly, so Selenium Manager never downloads a browser). Skipped when either binary is absent;
 * .ci/run installs them ({@code apt-get install chromium chromium-driver}).
 */
class ConsoleBrowserAcceptanceTest {

  @Test
  void aBrowserSignsInAndFindsTheRefusedRequestWithItsDiagnosis() throws Exception {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> chromedriver = onPath("chromedriver");
    assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "chromium and chromedriver are not on PATH");
    try (TestServer server = TestServer.start(null)) {
      assertThat(server.send("GET", "/v1/apps?browser=probe", null, "not-a-jwt").status()).isEqualTo(401);
      String diagnosis = server.admin("GET", "/_braeburn/requests?status=401", null, null).json().path("data").get(0).path("diagnosis").asText();

      ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
          .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile()).build();
      WebDriver browser = new ChromeDriver(service, options);
      // a click that submits a form returns before the next page has loaded: wait for what that page shows
      WebDriverWait await = new WebDriverWait(browser, Duration.ofSeconds(10));
      try {
        browser.get(server.baseUrl() + "/_braeburn/console");
        browser.findElement(By.name("token")).sendKeys("wrong");
        browser.findElement(By.cssSelector("form button")).click();
        assertThat(await.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error"))).getText()).contains("not the admin token");

        browser.findElement(By.name("token")).sendKeys(server.server.adminToken());
        browser.findElement(By.cssSelector("form button")).click();
        await.until(ExpectedConditions.urlContains("/_braeburn/console/teams"));
        await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), server.keyId));

        browser.findElement(By.linkText("Requests")).click();
        await.until(ExpectedConditions.urlContains("/_braeburn/console/requests"));
        await.until(ExpectedConditions.presenceOfElementLocated(By.name("status"))).sendKeys("401");
        browser.findElement(By.name("path")).sendKeys("browser=probe");
        browser.findElement(By.cssSelector("main form button")).click();
        await.until(ExpectedConditions.urlContains("status=401"));
        // the header and the refused request: the filtered page has loaded
        var rows = await.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.requests tr"), 2));
        assertThat(rows.get(1).getText()).contains("/v1/apps?browser=probe", "401");
        assertThat(rows.get(1).findElement(By.cssSelector("td.diagnosis")).getText()).isEqualTo(diagnosis.strip());
      } finally {
        browser.quit();
      }
    }
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
