package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void readsApplesHeader() {
    assertThat(RateLimit.parse("user-hour-lim:3600;user-hour-rem:3599;")).contains(new RateLimit(3600, 3599));
    assertThat(RateLimit.parse("user-hour-lim:3600;user-hour-rem:0;").orElseThrow().exhausted()).isTrue();
    assertThat(RateLimit.parse("user-hour-rem:12").orElseThrow()).isEqualTo(new RateLimit(-1, 12));
    assertThat(RateLimit.parse(" user-hour-lim : 10 ; user-hour-rem : 9 ")).contains(new RateLimit(10, 9));
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertThat(RateLimit.parse(null)).isEmpty();
    assertThat(RateLimit.parse("user-hour-lim:3600;")).isEmpty();
    assertThat(RateLimit.parse("user-hour-rem:lots;")).isEmpty();
  }
}
