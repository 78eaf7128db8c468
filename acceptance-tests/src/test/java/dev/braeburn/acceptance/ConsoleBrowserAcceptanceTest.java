package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console's sign-in and request journal in a real browser ({@link ConsoleBrowser}). */
class ConsoleBrowserAcceptanceTest {

  @Test
  void aBrowserSignsInAndFindsTheRefusedRequestWithItsDiagnosis() throws Exception {
    try (TestServer server = TestServer.start(null); ConsoleBrowser browser = ConsoleBrowser.open(server)) {
      assertThat(server.send("GET", "/v1/apps?browser=probe", null, "not-a-jwt").status()).isEqualTo(401);
      String diagnosis = server.admin("GET", "/_braeburn/requests?status=401", null, null).json().path("data").get(0).path("diagnosis").asText();

      browser.driver.get(server.baseUrl() + "/_braeburn/console");
      browser.screenshot("sign-in");
      browser.find(By.name("token")).sendKeys("wrong");
      browser.driver.findElement(By.cssSelector("form button")).click();
      assertThat(browser.await.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error"))).getText()).contains("not the admin token");

      browser.signIn();
      browser.await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), server.keyId));

      browser.driver.findElement(By.linkText("Requests")).click();
      browser.await.until(ExpectedConditions.urlContains("/_braeburn/console/requests"));
      browser.find(By.name("status")).sendKeys("401");
      browser.driver.findElement(By.name("path")).sendKeys("browser=probe");
      browser.driver.findElement(By.cssSelector("main form button")).click();
      browser.await.until(ExpectedConditions.urlContains("status=401"));
      // the header and the refused request: the filtered page has loaded
      var rows = browser.await.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.requests tr"), 2));
      assertThat(rows.get(1).getText()).contains("/v1/apps?browser=probe", "401");
      assertThat(rows.get(1).findElement(By.cssSelector("td.diagnosis")).getText()).isEqualTo(diagnosis.strip());
      browser.screenshot("requests");
    }
  }
}
