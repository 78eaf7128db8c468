package dev.braeburn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braeburn.client.TestKeys.Token;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenBuilderTest {
  static final String ISSUER = "57246542-96fe-1a63-e053-0824d011072a";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");

  static KeyPair pair;
  static ApiKeyFile team;
  static ApiKeyFile individual;

  @BeforeAll
  static void keys() throws Exception {
    pair = TestKeys.p256();
    team = ApiKeyFile.fromPem("2X9R4HXF34", ISSUER, TestKeys.pem(pair));
    individual = ApiKeyFile.fromPem("INDIV12345", null, TestKeys.pem(pair));
  }

  static Clock fixed() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Test
  void teamTokenHasAppleHeaderAndClaimsAndRawSignature() throws Exception {
    Token token = Token.parse(team.token().clock(fixed()).build());

    assertThat(token.header().toString()).isEqualTo("{\"alg\":\"ES256\",\"kid\":\"2X9R4HXF34\",\"typ\":\"JWT\"}");
    assertThat(token.payload().toString()).isEqualTo("{\"iss\":\"" + ISSUER + "\",\"iat\":" + NOW.getEpochSecond()
        + ",\"exp\":" + (NOW.getEpochSecond() + 1140) + ",\"aud\":\"appstoreconnect-v1\"}");
    assertThat(token.signature()).hasSize(64);
    assertThat(token.verifies(pair.getPublic(), "SHA256withECDSAinP1363Format")).isTrue();
  }

  @Test
  void individualKeySaysSubUserAndHasNoIssuer() throws Exception {
    Token token = Token.parse(individual.token().build());

    assertThat(token.payload().get("sub").asText()).isEqualTo("user");
    assertThat(token.payload().has("iss")).isFalse();
    assertThat(token.header().get("kid").asText()).isEqualTo("INDIV12345");
    assertThat(token.verifies(pair.getPublic(), "SHA256withECDSAinP1363Format")).isTrue();
  }

  @Test
  void lifetimeAndIssuedAtSetTheTimes() throws Exception {
    Instant issued = Instant.parse("2024-01-02T03:04:05Z");
    Token token = Token.parse(team.token().issuedAt(issued).lifetime(Duration.ofMinutes(10)).build());

    assertThat(token.payload().get("iat").asLong()).isEqualTo(issued.getEpochSecond());
    assertThat(token.payload().get("exp").asLong()).isEqualTo(issued.getEpochSecond() + 600);
  }

  @Test
  void withoutIssuedAtOmitsIatButKeepsExp() throws Exception {
    Token token = Token.parse(team.token().clock(fixed()).withoutIssuedAt().build());

    assertThat(token.payload().has("iat")).isFalse();
    assertThat(token.payload().get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 1140);
  }

  @Test
  void withoutTypeOmitsTyp() throws Exception {
    Token token = Token.parse(team.token().withoutType().build());

    assertThat(token.header().toString()).isEqualTo("{\"alg\":\"ES256\",\"kid\":\"2X9R4HXF34\"}");
  }

  @Test
  void scopeIsAnArrayOfRequests() throws Exception {
    Token token = Token.parse(team.token().scope("GET /v1/apps?filter[platform]=IOS", "GET /v1/builds").build());

    assertThat(token.payload().get("scope").isArray()).isTrue();
    assertThat(token.payload().get("scope").toString())
        .isEqualTo("[\"GET /v1/apps?filter[platform]=IOS\",\"GET /v1/builds\"]");
    assertThat(Token.parse(team.token().scope(List.of()).build()).payload().has("scope")).isFalse();
  }

  @Test
  void lifetimeBeyondTwentyMinutesIsRefused() {
    assertThat(team.token().lifetime(TokenBuilder.MAX_LIFETIME)).isNotNull();
    assertThatThrownBy(() -> team.token().lifetime(Duration.ofSeconds(1201)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1200");
    assertThatThrownBy(() -> team.token().lifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
