package dev.braeburn.client;

import dev.braeburn.client.Jws.SignatureFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one App Store Connect API token (an ES256 JWT) for an {@link ApiKeyFile}; get one from
 * {@link ApiKeyFile#token()}. Not thread-safe; a builder is cheap, make one per token.
 *
 * <p>The result has header {@code {"alg":"ES256","kid":…,"typ":"JWT"}} and payload {@code
 * {"iss":…,"iat":…,"exp":…,"aud":"appstoreconnect-v1"}} for a team key, or {@code "sub":"user"} in
 * place of {@code iss} for an individual key, plus {@code "scope"} when one is set. Fields appear
 * in that order, as in Apple's documentation.
 */
public final class TokenBuilder {
  /** App Store Connect rejects tokens that live longer than this (exp − iat). */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(20);

  /**
   * A minute short of {@link #MAX_LIFETIME}: the server measures the lifetime against its own
   * clock, so a token minted at exactly 20 minutes by a client whose clock runs slightly behind is
   * refused.
   */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(19);

  public static final String AUDIENCE = "appstoreconnect-v1";

  private final ApiKeyFile key;
  private Duration lifetime = DEFAULT_LIFETIME;
  private Clock clock = Clock.systemUTC();
  private Instant issuedAt;
  private boolean includeIssuedAt = true;
  private boolean includeType = true;
  private List<String> scope = List.of();

  TokenBuilder(ApiKeyFile key) {
    this.key = key;
  }

  /**
   * How long the token is valid: {@code exp = iat + lifetime}, whole seconds.
   *
   * @throws IllegalArgumentException if shorter than a second or longer than {@link #MAX_LIFETIME}
   *     (App Store Connect would refuse the token; to send such a token on purpose, use {@link Jws})
   */
  public TokenBuilder lifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.getSeconds() < 1 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("the lifetime must be between 1 s and " + MAX_LIFETIME.getSeconds()
          + " s (App Store Connect's limit), not " + lifetime.getSeconds() + " s");
    }
    this.lifetime = Duration.ofSeconds(lifetime.getSeconds());
    return this;
  }

  /** The {@code iat} instant (truncated to seconds); defaults to the clock's now. */
  public TokenBuilder issuedAt(Instant issuedAt) {
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.includeIssuedAt = true;
    return this;
  }

  /**
   * Omits {@code iat}, which Apple documents as optional. {@code exp} is still counted from the
   * issue instant ({@link #issuedAt(Instant)} or the clock).
   */
  public TokenBuilder withoutIssuedAt() {
    this.includeIssuedAt = false;
    return this;
  }

  /** Omits {@code typ} from the header; it is optional in JWS and some clients never send it. */
  public TokenBuilder withoutType() {
    this.includeType = false;
    return this;
  }

  /**
   * Limits the token to these requests, e.g. {@code "GET /v1/apps?filter[platform]=IOS"}, so a
   * leaked token can do less than the key could. With no entries the claim is omitted.
   */
  public TokenBuilder scope(String... requests) {
    return scope(Arrays.asList(requests));
  }

  /** As {@link #scope(String...)}. */
  public TokenBuilder scope(List<String> requests) {
    List<String> copy = new ArrayList<>(requests.size());
    for (String request : requests) {
      copy.add(Objects.requireNonNull(request, "scope entry"));
    }
    this.scope = List.copyOf(copy);
    return this;
  }

  /** The clock that supplies "now" when no {@link #issuedAt(Instant)} is given; for tests. */
  public TokenBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The compact JWS: {@code header.payload.signature}, signature raw R||S (64 bytes). */
  public String build() {
    return Jws.sign(header(), payload(), key.privateKey(), SignatureFormat.RAW_R_S);
  }

  /** The header that {@link #build()} signs, in order; handy for logging or crafting variants. */
  public Map<String, Object> header() {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("kid", key.keyId());
    if (includeType) {
      header.put("typ", "JWT");
    }
    return header;
  }

  /** The claims that {@link #build()} signs, in order; each call re-reads the clock. */
  public Map<String, Object> payload() {
    long iat = (issuedAt != null ? issuedAt : clock.instant()).getEpochSecond();
    Map<String, Object> payload = new LinkedHashMap<>();
    if (key.isIndividual()) {
      payload.put("sub", "user");
    } else {
      payload.put("iss", key.issuerId());
    }
    if (includeIssuedAt) {
      payload.put("iat", iat);
    }
    payload.put("exp", iat + lifetime.getSeconds());
    payload.put("aud", AUDIENCE);
    if (!scope.isEmpty()) {
      payload.put("scope", scope);
    }
    return payload;
  }
}
