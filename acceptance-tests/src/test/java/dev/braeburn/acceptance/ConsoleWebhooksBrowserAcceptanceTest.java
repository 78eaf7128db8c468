package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's webhooks and reviews pages in a real browser ({@link ConsoleBrowser}): redeliver a
 * webhook delivery and see the new delivery; approve a beta review and see it leave the list.
 */
class ConsoleWebhooksBrowserAcceptanceTest {
  private static TestServer server;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo");
    receiver = new WebhookReceiver();
    assertThat(server.admin("POST", "/_braeburn/clock/freeze", null, null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
    server.close();
  }

  @Test
  void redeliveringAWebhookDeliveryListsTheNewDelivery() throws Exception {
    ConsoleWebhooksAcceptanceTest.webhookWithOneDelivery(server, receiver);
    String payload = receiver.next().body();
    try (ConsoleBrowser browser = ConsoleBrowser.open(server)) {
      browser.signIn();
      browser.driver.findElement(By.linkText("Webhooks")).click();
      browser.await.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.delivery"), 1));
      browser.find(By.cssSelector("tr.delivery details summary")).click(); // the payload, opened
      assertThat(browser.find(By.cssSelector("tr.delivery details pre")).getText()).isEqualTo(payload);
      browser.screenshot("webhooks");

      browser.driver.findElement(By.cssSelector("tr.delivery button")).click();
      browser.await.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.delivery"), 2));
      ConsoleWebhooksAcceptanceTest.runDue(server);
      assertThat(receiver.next().body()).isEqualTo(payload);
      browser.go("webhooks");
      var rows = browser.driver.findElements(By.cssSelector("tr.delivery"));
      assertThat(rows.get(0).getText()).contains("(redelivery)", "SUCCEEDED", "200");
      assertThat(rows.get(1).getText()).doesNotContain("(redelivery)");
    }
  }

  @Test
  void approvingABetaReviewTakesItOffTheList() throws Exception {
    String beta = ConsoleReviewsAcceptanceTest.betaSubmissionWaiting(server);
    try (ConsoleBrowser browser = ConsoleBrowser.open(server)) {
      browser.signIn();
      browser.driver.findElement(By.linkText("Reviews")).click();
      var row = browser.find(By.id("review-" + beta));
      assertThat(row.getText()).contains("Harbor", "101", "WAITING_FOR_REVIEW");
      browser.screenshot("reviews");

      row.findElement(By.name("approve")).click();
      browser.await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "No TestFlight submission is waiting."));
      assertThat(browser.driver.findElements(By.id("review-" + beta))).isEmpty();
      assertThat(new TestFlightCalls(server).externalState(ConsoleReviewsAcceptanceTest.BUILD)).isEqualTo("BETA_APPROVED");
    }
  }
}
