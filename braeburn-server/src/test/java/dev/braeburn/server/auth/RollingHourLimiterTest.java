package dev.braeburn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rolling hour: remaining = limit − requests of the previous 3600 s, per key (protocol.md §3). */
class RollingHourLimiterTest {
  private final RollingHourLimiter limiter = new RollingHourLimiter();
  private final Instant t0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void countsDownAndRefusesWhenTheHourIsUsedUp() {
    for (int i = 1; i <= 3; i++) {
      RateLimiter.Verdict v = limiter.acquire("K", 3, t0.plusSeconds(i));
      assertThat(v.allowed()).isTrue();
      assertThat(v.remaining()).isEqualTo(3 - i);
    }
    RateLimiter.Verdict refused = limiter.acquire("K", 3, t0.plusSeconds(10));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.header()).isEqualTo("user-hour-lim:3;user-hour-rem:0;");
    assertThat(refused.retryAfterSeconds()).isEqualTo(3600 + 1 - 10);
  }

  @Test
  void requestsLeaveTheWindowExactlyAnHourLater() {
    limiter.acquire("K", 2, t0);
    limiter.acquire("K", 2, t0.plusSeconds(1800));
    assertThat(limiter.acquire("K", 2, t0.plusSeconds(3599)).allowed()).isFalse();
    RateLimiter.Verdict afterFirstLeft = limiter.acquire("K", 2, t0.plusSeconds(3600));
    assertThat(afterFirstLeft.allowed()).isTrue();
    assertThat(afterFirstLeft.remaining()).isZero();
    assertThat(limiter.acquire("K", 2, t0.plusSeconds(5399)).allowed()).isFalse();
    assertThat(limiter.acquire("K", 2, t0.plusSeconds(5400)).remaining()).isZero();
  }

  @Test
  void refusedRequestsDoNotCount() {
    limiter.acquire("K", 1, t0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire("K", 1, t0.plusSeconds(i)).allowed()).isFalse();
    }
    assertThat(limiter.acquire("K", 1, t0.plusSeconds(3600)).allowed()).isTrue();
  }

  @Test
  void keysHaveTheirOwnWindowsAndALongPauseEmptiesOne() {
    limiter.acquire("A", 3600, t0);
    assertThat(limiter.acquire("B", 3600, t0).remaining()).isEqualTo(3599);
    assertThat(limiter.acquire("A", 3600, t0).remaining()).isEqualTo(3598);
    assertThat(limiter.acquire("A", 3600, t0.plusSeconds(86_400)).remaining()).isEqualTo(3599);
  }

  @Test
  void resetForgetsAKeysHistory() {
    limiter.acquire("K", 1, t0);
    limiter.reset("K");
    assertThat(limiter.acquire("K", 1, t0).allowed()).isTrue();
  }
}
