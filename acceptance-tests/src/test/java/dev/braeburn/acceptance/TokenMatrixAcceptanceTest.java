package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.client.Jws;
import dev.braeburn.client.Jws.SignatureFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a token goes wrong gets Apple's one 401 document (protocol.md §1.7) — and Braeburn's
 * diagnosis names the right reason; every tolerated variant of a good token is let through.
 */
class TokenMatrixAcceptanceTest {
  private static final String APPLE_401 = """
      {"errors":[{"status":"401","code":"NOT_AUTHORIZED","title":"Authentication credentials are missing or invalid.",\
      "detail":"Provide a properly configured and signed bearer token, and make sure that it has not expired. \
      Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens"}]}""";
  private static final String DIAGNOSIS = "X-Braeburn-Diagnosis";
  private static final long SIX_MONTHS_OK = 150L * 24 * 3600;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestServer server;
  /** The first-start Admin team key. */
  static ApiKeyFile admin;
  /** A second team and one of its keys. */
  static String otherTeam;
  static TestServer.Key otherTeamKey;
  static TestServer.Key individual;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo");
    admin = ApiKeyFile.fromFile(server.server.firstStart().privateKeyFile(), server.keyId, server.issuerId);
    otherTeam = server.createTeam("Token Matrix Other Team");
    otherTeamKey = server.createKey("ADMIN", otherTeam);
    individual = server.createKey(List.of("ADMIN"), "INDIVIDUAL", null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Token crafting

  /** One token defect: what is sent in the Authorization header (null: none) and the diagnosis it must earn. */
  record Defect(String name, Supplier<String> authorization, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A tolerated variant: the Authorization header and the request it must be allowed to make. */
  record Valid(String name, Supplier<String> authorization, String pathAndQuery) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Defect defect(String name, Supplier<String> token, String fragment) {
    return new Defect(name, () -> "Bearer " + token.get(), fragment);
  }

  static Valid valid(String name, Supplier<String> token, String pathAndQuery) {
    return new Valid(name, () -> "Bearer " + token.get(), pathAndQuery);
  }

  /** The admin key's header: alg ES256, kid, typ JWT. */
  static Map<String, Object> header() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", "ES256");
    h.put("kid", server.keyId);
    h.put("typ", "JWT");
    return h;
  }

  /** The admin key's claims for a 10-minute token issued {@code now}. */
  static Map<String, Object> payload(long now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("iss", server.issuerId);
    p.put("iat", now);
    p.put("exp", now + 600);
    p.put("aud", "appstoreconnect-v1");
    return p;
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  /** A raw R||S-signed admin-key token whose header and claims (built for "now") the consumers change. */
  static String token(Consumer<Map<String, Object>> headerChange, Consumer<Map<String, Object>> payloadChange) {
    return token(headerChange, payloadChange, admin.privateKey(), SignatureFormat.RAW_R_S);
  }

  static String token(Consumer<Map<String, Object>> headerChange, Consumer<Map<String, Object>> payloadChange,
      PrivateKey key, SignatureFormat format) {
    Map<String, Object> h = header();
    Map<String, Object> p = payload(now());
    headerChange.accept(h);
    payloadChange.accept(p);
    return Jws.sign(h, p, key, format);
  }

  /** An admin-key token with changed claims only. */
  static String claims(Consumer<Map<String, Object>> payloadChange) {
    return token(h -> {}, payloadChange);
  }

  /** Claims issued now that live {@code lifetime} seconds. */
  static Consumer<Map<String, Object>> lifetime(long seconds) {
    return p -> {
      long now = now();
      p.put("iat", now);
      p.put("exp", now + seconds);
    };
  }

  static String encode(String json) {
    return Jws.base64Url(json.getBytes(StandardCharsets.UTF_8));
  }

  static PrivateKey strangerKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair().getPrivate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** HS256 with the admin key's public key (X.509 DER, as the server stores it) as the HMAC secret. */
  static String hmacWithPublicKey() {
    try {
      byte[] publicKey = Base64.getDecoder().decode(server.server.store().key(server.keyId).orElseThrow().publicKey());
      Map<String, Object> h = header();
      h.put("alg", "HS256");
      String signingInput = encode(Jws.toJson(h)) + "." + encode(Jws.toJson(payload(now())));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
      return signingInput + "." + Jws.base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token of a fresh key, used once (200), then the key is revoked: the same token must now fail. */
  static String tokenOfRevokedKey() {
    TestServer.Key key = server.createKey("DEVELOPER", null);
    String token = key.token();
    assertThat(call("Bearer " + token, "/v1/apps").status()).as("before revocation").isEqualTo(200);
    assertThat(server.admin("DELETE", "/_braeburn/keys/" + key.keyId(), null, null).status()).isEqualTo(204);
    return token;
  }

  // ---------------------------------------------------------------------------------------------
  // The matrix

  static Stream<Defect> defects() {
    return Stream.of(
        // signature
        defect("DER-encoded signature", () -> token(h -> {}, p -> {}, admin.privateKey(), SignatureFormat.DER),
            "signature is DER-encoded"),
        defect("signed by a different P-256 key under the right kid", () -> token(h -> {}, p -> {}, strangerKey(), SignatureFormat.RAW_R_S),
            "signature does not verify with the public key of " + server.keyId),
        defect("payload tampered after signing", () -> {
          String[] parts = claims(p -> {}).split("\\.");
          Map<String, Object> changed = payload(now());
          changed.put("exp", now() + 900);
          return parts[0] + "." + encode(Jws.toJson(changed)) + "." + parts[2];
        }, "signature does not verify"),
        // alg
        defect("alg none, empty signature", () -> {
          Map<String, Object> h = header();
          h.put("alg", "none");
          return encode(Jws.toJson(h)) + "." + encode(Jws.toJson(payload(now()))) + ".";
        }, "alg is none (an unsigned token)"),
        defect("HS256 with the public key as HMAC secret", TokenMatrixAcceptanceTest::hmacWithPublicKey, "alg is HS256 (an HMAC"),
        defect("alg ES384", () -> token(h -> h.put("alg", "ES384"), p -> {}), "alg is ES384; App Store Connect accepts only ES256"),
        defect("no alg", () -> token(h -> h.remove("alg"), p -> {}), "the header has no alg"),
        // kid
        defect("unknown kid", () -> token(h -> h.put("kid", "ZZZZ9999ZZ"), p -> {}), "kid ZZZZ9999ZZ names no key of this server"),
        defect("no kid", () -> token(h -> h.remove("kid"), p -> {}), "the header has no kid"),
        defect("revoked key, token verified before the revocation", TokenMatrixAcceptanceTest::tokenOfRevokedKey, "was revoked"),
        // iss / sub
        defect("iss of another team", () -> claims(p -> p.put("iss", otherTeam)),
            "belongs to issuer " + server.issuerId + ", token says " + otherTeam),
        defect("other team's key with our iss", () -> {
          Map<String, Object> h = header();
          h.put("kid", otherTeamKey.keyId());
          return Jws.sign(h, payload(now()), otherTeamKey.file().privateKey(), SignatureFormat.RAW_R_S);
        }, "belongs to issuer " + otherTeam),
        defect("individual key with iss", () -> {
          Map<String, Object> h = header();
          h.put("kid", individual.keyId());
          Map<String, Object> p = payload(now());
          p.put("sub", "user");
          return Jws.sign(h, p, individual.file().privateKey(), SignatureFormat.RAW_R_S);
        }, "is an individual key: its tokens carry sub \"user\" and no iss"),
        defect("team key with sub user and no iss", () -> claims(p -> {
          p.remove("iss");
          p.put("sub", "user");
        }), "(sub \"user\" is for individual keys)"),
        defect("team key without iss", () -> claims(p -> p.remove("iss")), "iss is missing"),
        // aud
        defect("wrong aud", () -> claims(p -> p.put("aud", "appstoreconnect-v2")), "aud is \"appstoreconnect-v2\""),
        defect("no aud", () -> claims(p -> p.remove("aud")), "aud is missing"),
        defect("Enterprise aud", () -> claims(p -> p.put("aud", "apple-developer-enterprise-v1")), "Enterprise Program API"),
        // times
        defect("expired 300 s ago", () -> claims(p -> {
          long now = now();
          p.put("iat", now - 900);
          p.put("exp", now - 300);
        }), "token expired"),
        defect("iat 120 s in the future", () -> claims(p -> {
          long now = now();
          p.put("iat", now + 120);
          p.put("exp", now + 600);
        }), "s in the future; Braeburn allows 60 s of clock skew"),
        defect("lifetime 1260 s (iat back-dated 60 s, exp now + 1200)", () -> claims(p -> {
          long now = now();
          p.put("iat", now - 60);
          p.put("exp", now + 1200);
        }), "exp - iat is 1260 s; the limit is 1200 s"),
        defect("exp 1500 s ahead without iat", () -> claims(p -> {
          p.remove("iat");
          p.put("exp", now() + 1500);
        }), "s after now; the limit is 1200 s"),
        defect("no exp", () -> claims(p -> p.remove("exp")), "exp is missing"),
        defect("exp in milliseconds", () -> claims(p -> p.put("exp", 4_102_444_800_000L)),
            "exp is 4102444800000, which is milliseconds"),
        defect("exp as a string", () -> claims(p -> p.put("exp", "4102444800")),
            "exp is \"4102444800\"; it must be a number of seconds since 1970"),
        defect("iat in milliseconds", () -> claims(p -> p.put("iat", 1_700_000_000_000L)),
            "iat is 1700000000000, which is milliseconds"),
        // lifetime and scope
        defect("one-day lifetime with a scope that is not long-lived", () -> claims(lifetime(86_400).andThen(p -> p.put("scope", List.of("GET /v1/apps")))),
            "six months only for scopes of GET entries on Xcode Cloud and metrics resources"),
        defect("one-day lifetime without scope", () -> claims(lifetime(86_400)), "the limit is 1200 s"),
        defect("200-day lifetime with a long-lived scope", () -> claims(lifetime(200L * 24 * 3600).andThen(p -> p.put("scope", List.of("GET /v1/ciProducts")))),
            "the limit is 15897600 s"),
        defect("scope of another request", () -> claims(p -> p.put("scope", List.of("GET /v1/apps/123"))),
            "does not include GET /v1/apps"),
        defect("POST scope entry for a GET", () -> claims(p -> p.put("scope", List.of("POST /v1/apps"))),
            "does not include GET /v1/apps"),
        // structure
        defect("payload in standard base64", () -> {
          String[] parts = claims(p -> {}).split("\\.");
          return parts[0] + "." + "eyJpc3Mi+/" + "." + parts[2];
        }, "the payload is not base64url"),
        defect("payload of impossible base64 length", () -> {
          String[] parts = claims(p -> {}).split("\\.");
          String payload = parts[1];
          while (payload.length() % 4 != 1) {
            payload += "A"; // a base64 length no encoder produces
          }
          return parts[0] + "." + payload + "." + parts[2];
        }, "the payload is not valid base64url"),
        defect("header not JSON", () -> {
          String[] parts = claims(p -> {}).split("\\.");
          return encode("alg=ES256") + "." + parts[1] + "." + parts[2];
        }, "the header is not JSON"),
        defect("two parts", () -> {
          String[] parts = claims(p -> {}).split("\\.");
          return parts[0] + "." + parts[1];
        }, "the token has 2 dot-separated parts"),
        defect("a random string", () -> "hello-world", "the token has 1 dot-separated parts"),
        defect("five parts (JWE)", () -> "a.b.c.d.e", "encrypted JWE"),
        // the Authorization header
        new Defect("no Authorization header", () -> null, "no Authorization header"),
        new Defect("Basic scheme", () -> "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8)),
            "uses the 'Basic' scheme"),
        new Defect("raw token without scheme", () -> admin.token().build(), "scheme; Apple's APIs need 'Bearer <JWT>'"),
        new Defect("Bearer followed by blanks only", () -> "Bearer    ", "Bearer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void defectiveTokenIsApplesExact401WithTheRightDiagnosis(Defect defect) {
    TestServer.Reply reply = call(defect.authorization().get(), "/v1/apps");

    assertApple401(reply);
    assertThat(reply.header(DIAGNOSIS)).as("diagnosis").isNotNull().contains(defect.fragment());
  }

  /** A {@code scope} claim that is not an array of entries. */
  static Stream<Defect> malformedScopeClaims() {
    return Stream.of(
        defect("scope as a string", () -> claims(p -> p.put("scope", "GET /v1/apps")), "scope must be a non-empty array"),
        defect("empty scope", () -> claims(p -> p.put("scope", List.of())), "scope must be a non-empty array"),
        defect("scope entry without method", () -> claims(p -> p.put("scope", List.of("/v1/apps"))), "is not \"METHOD /path[?query]\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedScopeClaims")
  void malformedScopeClaimIsApplesExact401(Defect defect) {
    defectiveTokenIsApplesExact401WithTheRightDiagnosis(defect);
  }

  @Test
  void emptyBearerIsDiagnosedAsCarryingNoToken() {
    defectiveTokenIsApplesExact401WithTheRightDiagnosis(new Defect("empty bearer", () -> "Bearer ", "carries no token"));
  }

  @Test
  void payloadWithTrailingGarbageIsRejected() {
    defectiveTokenIsApplesExact401WithTheRightDiagnosis(defect("signed payload with trailing garbage after the JSON object",
        () -> Jws.sign(Jws.toJson(header()), Jws.toJson(payload(now())) + " trailing", admin.privateKey(), SignatureFormat.RAW_R_S),
        "the payload is not JSON"));
  }

  static Stream<Valid> validVariants() {
    return Stream.of(
        valid("reference token (TokenBuilder)", () -> admin.token().build(), "/v1/apps"),
        valid("no iat", () -> claims(p -> p.remove("iat")), "/v1/apps"),
        valid("no typ", () -> token(h -> h.remove("typ"), p -> {}), "/v1/apps"),
        valid("exactly 1200 s lifetime", () -> claims(lifetime(1200)), "/v1/apps"),
        valid("iat 30 s in the future (within skew)", () -> claims(p -> {
          long now = now();
          p.put("iat", now + 30);
          p.put("exp", now + 600);
        }), "/v1/apps"),
        valid("iat back-dated 60 s, 500 s lifetime (fastlane)", () -> claims(p -> {
          long now = now();
          p.put("iat", now - 60);
          p.put("exp", now + 440);
        }), "/v1/apps"),
        valid("individual key, sub user", () -> individual.token(), "/v1/apps"),
        valid("aud as a one-element array", () -> claims(p -> p.put("aud", List.of("appstoreconnect-v1"))), "/v1/apps"),
        valid("scope matching exactly", () -> claims(p -> p.put("scope", List.of("GET /v1/apps"))), "/v1/apps"),
        valid("scope among several entries", () -> claims(p -> p.put("scope", List.of("POST /v1/builds", "GET /v1/apps"))), "/v1/apps"),
        valid("scope query in another order, limit ignored",
            () -> claims(p -> p.put("scope", List.of("GET /v1/apps?filter[bundleId]=com.example&fields[apps]=name"))),
            "/v1/apps?fields[apps]=name&limit=5&filter[bundleId]=com.example"),
        valid("scope query matched against a percent-encoded request",
            () -> claims(p -> p.put("scope", List.of("GET /v1/apps?filter[bundleId]=com.example&fields[apps]=name"))),
            "/v1/apps?fields%5Bapps%5D=name&filter%5BbundleId%5D=com.example&limit=5"),
        valid("scope without version prefix", () -> claims(p -> p.put("scope", List.of("GET /apps"))), "/v1/apps"),
        valid("six-month token with GET-only Xcode Cloud scope",
            () -> claims(lifetime(SIX_MONTHS_OK).andThen(p -> p.put("scope", List.of("GET /v1/ciProducts")))), "/v1/ciProducts"),
        new Valid("bearer scheme in lower case", () -> "bearer " + admin.token().build(), "/v1/apps"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVariants")
  void tolerableVariantIsAccepted(Valid variant) {
    TestServer.Reply reply = call(variant.authorization().get(), variant.pathAndQuery());

    assertThat(reply.status()).as(reply.header(DIAGNOSIS) + " " + reply.body()).isEqualTo(200);
    assertThat(reply.header(DIAGNOSIS)).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // The side channels

  @Test
  void strictWireSendsTheSame401WithoutDiagnosis() throws Exception {
    try (TestServer strict = TestServer.start("demo", c -> c.withHourlyLimit(0).withStrictWire(true))) {
      ApiKeyFile key = ApiKeyFile.fromFile(strict.server.firstStart().privateKeyFile(), strict.keyId, strict.issuerId);
      String der = Jws.sign(key.token().header(), key.token().payload(), key.privateKey(), SignatureFormat.DER);

      TestServer.Reply reply = strict.send("GET", "/v1/apps", null, der);

      assertApple401(reply);
      assertThat(reply.headers().firstValue(DIAGNOSIS)).isEmpty();
      assertThat(reply.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-braeburn"));
      assertThat(strict.send("GET", "/v1/apps", null, key.token().build()).status()).isEqualTo(200);
    }
  }

  @Test
  void journalRecordsTheSameDiagnosisUnderTheRequestId() {
    TestServer.Reply reply = call("Bearer " + token(h -> {}, p -> {}, admin.privateKey(), SignatureFormat.DER), "/v1/apps");
    assertApple401(reply);
    String requestId = reply.header("X-Request-ID");
    assertThat(java.util.UUID.fromString(requestId).version()).isEqualTo(4); // shaped like Apple's: a random UUID

    TestServer.Reply journal = server.admin("GET", "/_braeburn/requests?status=401&limit=1000", null, null);
    assertThat(journal.status()).isEqualTo(200);
    JsonNode entry = null;
    for (JsonNode e : journal.json().path("data")) {
      if (requestId.equals(e.path("requestId").asText())) {
        entry = e;
      }
    }
    assertThat(entry).as("journal entry " + requestId).isNotNull();
    assertThat(entry.path("status").asInt()).isEqualTo(401);
    assertThat(entry.path("errorCode").asText()).isEqualTo("NOT_AUTHORIZED");
    assertThat(entry.path("diagnosis").asText()).contains("DER-encoded").isEqualTo(reply.header(DIAGNOSIS));
    assertThat(entry.path("method").asText()).isEqualTo("GET");
    assertThat(entry.path("path").asText()).isEqualTo("/v1/apps");
    // filed under the key the token names, so "why does key X fail?" is one filter away
    assertThat(entry.path("keyId").asText()).isEqualTo(admin.keyId());
    assertThat(server.admin("GET", "/_braeburn/requests?status=401&keyId=" + admin.keyId(), null, null).json().path("data"))
        .anySatisfy(e -> assertThat(e.path("requestId").asText()).isEqualTo(requestId));

    JsonNode newest = server.admin("GET", "/_braeburn/requests?status=401&limit=1", null, null).json().path("data");
    assertThat(newest).hasSize(1);
    assertThat(newest.get(0).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void explainListsEveryCheck() {
    String der = token(h -> {}, p -> {}, admin.privateKey(), SignatureFormat.DER);
    JsonNode rejected = explain(der);
    assertThat(rejected.path("accepted").asBoolean(true)).isFalse();
    assertThat(rejected.path("reason").asText()).contains("DER-encoded");
    Map<String, String> outcomes = outcomes(rejected);
    assertThat(outcomes).containsKeys("structure", "alg", "kid", "signature", "issuer", "audience", "scope", "exp", "iat", "lifetime");
    assertThat(outcomes.values()).allMatch(o -> List.of("PASSED", "FAILED", "SKIPPED").contains(o));
    assertThat(outcomes).containsEntry("structure", "PASSED").containsEntry("alg", "PASSED").containsEntry("kid", "PASSED")
        .containsEntry("signature", "FAILED").containsEntry("audience", "PASSED").containsEntry("exp", "PASSED");

    JsonNode garbage = explain("hello-world");
    assertThat(garbage.path("accepted").asBoolean(true)).isFalse();
    assertThat(outcomes(garbage)).containsEntry("structure", "FAILED").containsEntry("signature", "SKIPPED").containsEntry("lifetime", "SKIPPED");

    JsonNode accepted = explain(admin.token().build());
    assertThat(accepted.path("accepted").asBoolean(false)).isTrue();
    assertThat(accepted.has("reason")).isFalse();
    assertThat(outcomes(accepted).values()).containsOnly("PASSED");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static JsonNode explain(String token) {
    TestServer.Reply reply = server.admin("POST", "/_braeburn/tokens/explain",
        TestServer.JSON.createObjectNode().put("token", token).toString(), null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static Map<String, String> outcomes(JsonNode explanation) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    for (JsonNode check : explanation.path("checks")) {
      outcomes.put(check.path("check").asText(), check.path("outcome").asText());
      order.add(check.path("check").asText());
    }
    assertThat(order).as("one finding per check").doesNotHaveDuplicates();
    return outcomes;
  }

  private static void assertApple401(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.header(DIAGNOSIS) + " " + reply.body()).isEqualTo(401);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.json()).isEqualTo(parse(APPLE_401));
    assertThat(reply.json().at("/errors/0").has("id")).isFalse();
  }

  private static JsonNode parse(String json) {
    try {
      return TestServer.JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** GET with exactly this Authorization header value (null: no header). */
  private static TestServer.Reply call(String authorization, String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).GET().timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new TestServer.Reply(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
