package dev.braeburn.server.family.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {
  @Test
  void httpsAnywhereHttpOnlyToLoopback() {
    assertThat(WebhookRules.urlProblem("https://hooks.example.com/asc")).isNull();
    assertThat(WebhookRules.urlProblem("http://127.0.0.1:8080/hook")).isNull();
    assertThat(WebhookRules.urlProblem("http://localhost/hook")).isNull();
    assertThat(WebhookRules.urlProblem("http://[::1]:9000/")).isNull();
    assertThat(WebhookRules.urlProblem("http://hooks.example.com/asc")).contains("https");
    assertThat(WebhookRules.urlProblem("http://10.0.0.1/asc")).contains("https");
    assertThat(WebhookRules.urlProblem("ftp://example.com/x")).isNotNull();
    assertThat(WebhookRules.urlProblem("/relative")).isNotNull();
    assertThat(WebhookRules.urlProblem("mailto:a@b.c")).isNotNull();
  }

  @Test
  void retriesBackOffForAboutADayThenStop() {
    assertThat(RetrySchedule.WEBHOOKS.after(1)).contains(Duration.ofMinutes(1));
    assertThat(RetrySchedule.WEBHOOKS.after(2)).contains(Duration.ofMinutes(5));
    assertThat(RetrySchedule.WEBHOOKS.after(RetrySchedule.WEBHOOKS.maxAttempts())).isEmpty();
    Duration total = RetrySchedule.WEBHOOKS.delays().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isBetween(Duration.ofHours(12), Duration.ofHours(24));
  }
}
