package dev.braeburn.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.client.ApiKeyFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;

/** A small HTTP/1.1 client that signs ES256 tokens the way App Store Connect clients do. */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  Client(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  String baseUrl() {
    return baseUrl;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new IllegalStateException("not JSON (" + status + "): " + abbreviate(body), e);
      }
    }
  }

  static String abbreviate(String s) {
    return s == null || s.length() < 500 ? s : s.substring(0, 500) + "…";
  }

  Reply send(String method, String pathOrUrl, String body, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
        .timeout(Duration.ofSeconds(60));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  Reply get(String pathOrUrl, String bearer) throws Exception {
    return send("GET", pathOrUrl, null, bearer);
  }

  static ECPrivateKey privateKey(String pem) throws Exception {
    return ApiKeyFile.readPrivateKey(pem);
  }

  /** A 10-minute ES256 token: kid = key id, iss = issuer id, aud = appstoreconnect-v1. */
  static String token(String keyId, String issuerId, ECPrivateKey key) {
    return ApiKeyFile.of(keyId, issuerId, key).token().lifetime(Duration.ofMinutes(10)).build();
  }
}
