package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.ApiKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Braeburn's own admin API, {@code /_braeburn/…} (README's admin table): teams, keys, the virtual
 * clock, snapshots, reset, faults and quirks. Thin on purpose: JSON in, JSON out, one method per
 * route; anything not covered goes through {@link #call}. Methods that take {@code issuerOrNull}
 * send it as {@code X-Braeburn-Issuer} (null: the server's first team, or all teams where the
 * route says so). Errors are {@link ApiErrorException}s, as on the public API.
 */
public final class BraeburnAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String adminToken;
  private final HttpClient http;

  public BraeburnAdmin(String baseUrl, String adminToken) {
    this(baseUrl, adminToken, HttpClient.newHttpClient());
  }

  public BraeburnAdmin(String baseUrl, String adminToken, HttpClient http) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    this.http = Objects.requireNonNull(http, "http");
  }

  // ---- teams ----

  /** A new team; its issuer id. */
  public String createTeam(String nameOrNull) {
    ObjectNode body = JSON.createObjectNode();
    if (nameOrNull != null) {
      body.put("name", nameOrNull);
    }
    return call("POST", "/_braeburn/teams", body, null).path("issuerId").asText();
  }

  public JsonNode teams() {
    return call("GET", "/_braeburn/teams", null, null);
  }

  // ---- keys ----

  /** A key Braeburn made, with the private half it hands out once. */
  public record CreatedKey(String keyId, String issuerId, String type, String privateKeyPem, JsonNode json) {
    /** The key, ready for {@link AppStoreConnectClient#builder}; individual keys carry no issuer. */
    public ApiKeyFile apiKeyFile() {
      return ApiKeyFile.fromPem(keyId, "INDIVIDUAL".equals(type) ? null : issuerId, privateKeyPem);
    }
  }

  /** A TEAM key with these roles in the first team. */
  public CreatedKey createKey(String... roles) {
    return createKey(List.of(roles), "TEAM", null);
  }

  /** A key of {@code type} (TEAM, INDIVIDUAL, IN_APP_PURCHASE, SIGN_IN_WITH_APPLE) in a team (null: the first). */
  public CreatedKey createKey(List<String> roles, String type, String issuerIdOrNull) {
    ObjectNode body = JSON.createObjectNode().put("type", type);
    if (!roles.isEmpty()) {
      roles.forEach(body.putArray("roles")::add);
    }
    if (issuerIdOrNull != null) {
      body.put("issuerId", issuerIdOrNull);
    }
    JsonNode k = call("POST", "/_braeburn/keys", body, null);
    return new CreatedKey(k.path("keyId").asText(), k.path("issuerId").asText(null), type, k.path("privateKey").asText(), k);
  }

  public JsonNode keys() {
    return call("GET", "/_braeburn/keys", null, null);
  }

  /** Revokes a key at once, cached tokens included. */
  public void revokeKey(String keyId) {
    call("DELETE", "/_braeburn/keys/" + encode(keyId), null, null);
  }

  // ---- clock ----

  /** {@code {"now","frozen","offsetSeconds"}}. */
  public JsonNode clock() {
    return call("GET", "/_braeburn/clock", null, null);
  }

  public JsonNode freezeClock() {
    return call("POST", "/_braeburn/clock/freeze", null, null);
  }

  public JsonNode resumeClock() {
    return call("POST", "/_braeburn/clock/resume", null, null);
  }

  /** Moves the virtual clock forward, running what comes due; whole seconds. */
  public JsonNode advanceClock(Duration by) {
    return call("POST", "/_braeburn/clock/advance", JSON.createObjectNode().put("seconds", by.getSeconds()), null);
  }

  // ---- snapshots and reset ----

  /** The whole server's snapshot, or one team's. */
  public JsonNode snapshot(String issuerOrNull) {
    return call("GET", "/_braeburn/snapshot", null, issuerOrNull);
  }

  /** Loads a snapshot; with an issuer, only a snapshot of that team is accepted. Row counts. */
  public JsonNode loadSnapshot(JsonNode snapshot, String issuerOrNull) {
    return call("POST", "/_braeburn/snapshot", snapshot, issuerOrNull);
  }

  /** Removes all resources (of one team with an issuer); keys stay. */
  public void reset(String issuerOrNull) {
    call("POST", "/_braeburn/reset", null, issuerOrNull);
  }

  // ---- faults ----

  /** Adds a fault rule, e.g. {@code {"match":{"path":"/v1/apps"},"fault":{"type":"error","status":429},"count":2}}. */
  public JsonNode addFault(JsonNode rule) {
    return call("POST", "/_braeburn/faults", rule, null);
  }

  /** As {@link #addFault(JsonNode)} from JSON text. */
  public JsonNode addFault(String ruleJson) {
    return addFault(read(ruleJson));
  }

  public JsonNode faults() {
    return call("GET", "/_braeburn/faults", null, null);
  }

  public void removeFault(String id) {
    call("DELETE", "/_braeburn/faults/" + encode(id), null, null);
  }

  public void clearFaults() {
    call("DELETE", "/_braeburn/faults", null, null);
  }

  // ---- quirks ----

  public JsonNode quirks(String issuerOrNull) {
    return call("GET", "/_braeburn/quirks", null, issuerOrNull);
  }

  /** Switches a quirk on for a team, with settings (null or {} for the defaults). */
  public JsonNode putQuirk(String name, JsonNode settingsOrNull, String issuerOrNull) {
    return call("PUT", "/_braeburn/quirks/" + encode(name), settingsOrNull, issuerOrNull);
  }

  /** Switches a quirk off for a team. */
  public void deleteQuirk(String name, String issuerOrNull) {
    call("DELETE", "/_braeburn/quirks/" + encode(name), null, issuerOrNull);
  }

  // ---- any route ----

  /** Any admin call; the answer's JSON (a missing node for an empty body). */
  public JsonNode call(String method, String path, JsonNode bodyOrNull, String issuerOrNull) {
    String url = baseUrl + path;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + adminToken)
        .method(method, bodyOrNull == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(bodyOrNull.toString()));
    if (bodyOrNull != null) {
      b.header("Content-Type", "application/json");
    }
    if (issuerOrNull != null) {
      b.header("X-Braeburn-Issuer", issuerOrNull);
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + url, e);
    }
    JsonNode json = r.body() == null || r.body().isEmpty() ? JSON.missingNode() : readOrNull(r.body());
    if (r.statusCode() < 200 || r.statusCode() >= 300) {
      throw new ApiErrorException(method, url, r.statusCode(), json, r.body(), r.headers().firstValue("X-Braeburn-Diagnosis").orElse(null));
    }
    return json == null ? JSON.getNodeFactory().textNode(r.body()) : json;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static JsonNode readOrNull(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
