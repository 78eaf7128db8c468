package dev.braeburn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} does — the rolling hour: remaining = limit − requests of the
 * previous 3600 s, per key (protocol.md §3). Run against the in-memory limiter here and against
 * PostgreSQL's in {@code SharedRateLimiterTest}.
 */
public abstract class RateLimiterContract {
  private final String prefix = UUID.randomUUID() + "-"; // one test's keys are its own
  private final Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
  private RateLimiter limiter;

  protected abstract RateLimiter limiter();

  @BeforeEach
  void create() {
    limiter = new Keyed(limiter(), prefix);
  }

  /** Gives each test its own key names on a limiter that may outlive the test. */
  private record Keyed(RateLimiter inner, String prefix) implements RateLimiter {
    @Override
    public Verdict acquire(String keyId, int limit, Instant now) {
      return inner.acquire(prefix + keyId, limit, now);
    }

    @Override
    public void reset(String keyId) {
      inner.reset(prefix + keyId);
    }
  }

  @Test
  public void countsDownAndRefusesWhenTheHourIsUsedUp() {
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
  public void requestsLeaveTheWindowExactlyAnHourLater() {
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
  public void refusedRequestsDoNotCount() {
    limiter.acquire("K", 1, t0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire("K", 1, t0.plusSeconds(i)).allowed()).isFalse();
    }
    assertThat(limiter.acquire("K", 1, t0.plusSeconds(3600)).allowed()).isTrue();
  }

  @Test
  public void keysHaveTheirOwnWindowsAndALongPauseEmptiesOne() {
    limiter.acquire("A", 3600, t0);
    assertThat(limiter.acquire("B", 3600, t0).remaining()).isEqualTo(3599);
    assertThat(limiter.acquire("A", 3600, t0).remaining()).isEqualTo(3598);
    assertThat(limiter.acquire("A", 3600, t0.plusSeconds(86_400)).remaining()).isEqualTo(3599);
  }

  @Test
  public void resetForgetsAKeysHistory() {
    limiter.acquire("K", 1, t0);
    limiter.reset("K");
    assertThat(limiter.acquire("K", 1, t0).allowed()).isTrue();
  }
}
