package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Teams and keys, the resource browser and the Clock page in a real browser ({@link ConsoleBrowser}):
 * create a key, revoke it, walk from a demo app to a related resource, advance the clock an hour.
 */
class ConsoleKeysBrowserAcceptanceTest {
  private static final By NOW = By.cssSelector("table.clock tr:first-child td:nth-child(2)");

  @Test
  void aBrowserCreatesAndRevokesAKeyBrowsesResourcesAndAdvancesTheClock() throws Exception {
    try (TestServer server = TestServer.start("demo"); ConsoleBrowser browser = ConsoleBrowser.open(server)) {
      browser.signIn();
      browser.find(By.name("name")).sendKeys("Browser key");
      browser.driver.findElement(By.cssSelector("input[name='roles'][value='APP_MANAGER']")).click();
      browser.screenshot("keys");
      browser.driver.findElement(By.xpath("//button[text()='Create key']")).click();
      browser.await.until(ExpectedConditions.urlContains("/_braeburn/console/keys/created"));
      String keyId = key(server, "Browser key").path("keyId").asText();
      assertThat(browser.find(By.cssSelector("button.download")).getText()).isEqualTo("Download AuthKey_" + keyId + ".p8");
      browser.screenshot("key-created");

      browser.go("teams");
      browser.find(By.cssSelector("a.revoke[href$='keyId=" + keyId + "']")).click();
      browser.find(By.xpath("//button[text()='Revoke key " + keyId + "']")).click();
      browser.await.until(ExpectedConditions.urlContains("/_braeburn/console/teams"));
      browser.await.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("a.revoke[href$='keyId=" + keyId + "']")));
      assertThat(key(server, "Browser key").path("revokedAt").isNull()).isFalse();

      browser.driver.findElement(By.linkText("Resources")).click();
      browser.find(By.linkText("apps")).click();
      browser.find(By.linkText(ConsoleKeysAcceptanceTest.APP)).click();
      browser.await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "apps " + ConsoleKeysAcceptanceTest.APP));
      browser.screenshot("resource");
      WebElement related = browser.find(By.cssSelector("table.relationships a"));
      String relatedName = related.getText();
      related.click();
      browser.await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), relatedName));
      browser.go("resources?team=" + server.issuerId + "&type=apps");
      browser.find(By.cssSelector("table.resources"));
      browser.screenshot("resources");

      browser.driver.findElement(By.linkText("Clock")).click();
      browser.find(By.xpath("//button[text()='Freeze']")).click();
      browser.find(By.xpath("//button[text()='Resume']")); // the frozen page has loaded
      Instant frozen = Instant.parse(browser.find(NOW).getText());
      browser.driver.findElement(By.xpath("//button[text()='Advance 1 hour']")).click();
      browser.await.until(ExpectedConditions.not(ExpectedConditions.textToBe(NOW, frozen.toString())));
      assertThat(Instant.parse(browser.find(NOW).getText())).isEqualTo(frozen.plus(Duration.ofHours(1)));
      JsonNode soonest = server.admin("GET", "/_braeburn/tasks?limit=1", null, null).json().path("data").get(0);
      assertThat(browser.find(By.cssSelector("table.tasks tr:nth-child(2)")).getText())
          .contains(soonest.path("dueAt").asText(), soonest.path("kind").asText());
      browser.screenshot("clock");
    }
  }

  private static JsonNode key(TestServer server, String name) {
    for (JsonNode key : server.admin("GET", "/_braeburn/keys", null, null).json().path("data")) {
      if (name.equals(key.path("name").asText())) {
        return key;
      }
    }
    throw new AssertionError("no key named " + name);
  }
}
