package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.client.ApiKeyFile;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private Instant now = Instant.parse("2026-03-01T12:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };

  @Test
  void reusesATokenUntilAMinuteBeforeItExpires() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    TokenCache cache = new TokenCache(ApiKeyFile.of("KEY123", "issuer", g.generateKeyPair().getPrivate()), clock, Duration.ofMinutes(19));

    String first = cache.token();
    now = now.plus(Duration.ofMinutes(17)).plusSeconds(59);
    assertThat(cache.token()).isSameAs(first);
    now = now.plusSeconds(1); // 18 minutes: one minute left
    String second = cache.token();
    assertThat(second).isNotEqualTo(first);
    cache.invalidate();
    assertThat(cache.token()).as("same second, but minted again").isNotSameAs(second);
  }
}
