package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import java.nio.charset.StandardCharsets;

/**
 * Admin calls of the console pages that read JSON and act for one team: a refusal of the admin API
 * becomes an {@link ApiException} with its status and text, which the console shows as a page.
 */
final class ConsoleCalls {
  private final Console.AdminCall admin;
  private final ObjectMapper mapper;

  ConsoleCalls(Console.AdminCall admin, ObjectMapper mapper) {
    this.admin = admin;
    this.mapper = mapper;
  }

  /** {@code GET /_braeburn/<path>?<query>} for the team {@code issuerId} (null: server-wide). */
  JsonNode get(String path, String query, String issuerId) {
    return answered(admin.call("GET", path, query, null, issuerId), path);
  }

  JsonNode post(String path, String jsonBody, String issuerId) {
    return answered(admin.call("POST", path, null, jsonBody, issuerId), path);
  }

  /** The issuer IDs of the server's teams, in the order the admin API lists them. */
  java.util.List<JsonNode> teams() {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    get("teams", null, null).path("data").forEach(out::add);
    return out;
  }

  private JsonNode answered(ApiResponse answer, String path) {
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() >= 400) {
      throw new ApiException(ApiError.of(answer.status(), "CONSOLE", "The admin API refused", text));
    }
    try {
      return text.isEmpty() ? mapper.createObjectNode() : mapper.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the admin API answered " + path + " with no JSON", e);
    }
  }
}
