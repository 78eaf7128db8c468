package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.of(6, Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void waitsDoubleFromTheBaseUpToTheCapWithTheFullShare() {
    RetryPolicy full = policy.withJitter(() -> 1.0);
    assertThat(full.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(full.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(full.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    assertThat(full.delay(4, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
    assertThat(full.delay(5, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    assertThat(full.delay(60, Optional.empty())).as("no overflow on a long run").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterTakesAtMostHalfOff() {
    RetryPolicy none = policy.withJitter(() -> 0.0);
    assertThat(none.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(none.delay(4, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    RetryPolicy quarter = policy.withJitter(() -> 0.5);
    assertThat(quarter.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(3));
    for (int i = 0; i < 100; i++) {
      assertThat(policy.delay(3, Optional.empty())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }
  }

  @Test
  void retryAfterWinsButIsCapped() {
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void attemptsAndStatuses() {
    assertThat(policy.mayRetry(5)).isTrue();
    assertThat(policy.mayRetry(6)).isFalse();
    assertThat(RetryPolicy.none().mayRetry(1)).isFalse();
    assertThat(RetryPolicy.retryableStatus(429)).isTrue();
    assertThat(RetryPolicy.retryableStatus(500)).isTrue();
    assertThat(RetryPolicy.retryableStatus(503)).isTrue();
    assertThat(RetryPolicy.retryableStatus(401)).isFalse();
    assertThat(RetryPolicy.retryableStatus(409)).isFalse();
    assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.of(2, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
