package dev.braeburn.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import java.util.Base64;

/**
 * The issuer ID ({@code iss}) and key ID ({@code kid}) a request's bearer token claims, read without
 * verifying it. Enough to decide which fault rules a request matches: faults come before admission
 * (a transient 401 must be injectable for a good token), and matching on a claim grants nothing.
 * Nulls when there is no readable token.
 */
record TokenClaims(String issuerId, String keyId) {
  static final TokenClaims NONE = new TokenClaims(null, null);
  private static final ObjectMapper JSON = new ObjectMapper();

  static TokenClaims of(ApiRequest request) {
    String header = request.header("authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return NONE;
    }
    String[] parts = header.substring(7).trim().split("\\.", -1);
    if (parts.length != 3) {
      return NONE;
    }
    return new TokenClaims(text(part(parts[1]), "iss"), text(part(parts[0]), "kid"));
  }

  private static JsonNode part(String encoded) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(encoded));
    } catch (Exception unreadable) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    return node != null && node.path(field).isTextual() ? node.path(field).textValue() : null;
  }
}
