package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void deltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void anHttpDate() {
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).as("past: no wait").contains(Duration.ZERO);
  }

  @Test
  void epochMillisAsTheAppStoreServerApiSendsThem() {
    long at = NOW.plusSeconds(45).toEpochMilli();
    assertThat(RetryAfter.parse(Long.toString(at), NOW)).contains(Duration.ofSeconds(45));
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
  }
}
