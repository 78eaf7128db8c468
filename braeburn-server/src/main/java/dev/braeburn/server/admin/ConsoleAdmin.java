package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.QueryString;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the console's page classes share: admin calls answered as JSON (a refusal, thrown by the
 * route or answered with its status, becomes an {@link ApiException} the console shows as its
 * "Refused" page), form fields (several values for one name: checkboxes), and URL parts. Numbers
 * are read as exact decimals, so money prints as the API wrote it.
 */
final class ConsoleAdmin {
  private final Console.AdminCall admin;
  private final ObjectMapper mapper;

  ConsoleAdmin(Console.AdminCall admin, ObjectMapper mapper) {
    this.admin = admin;
    this.mapper = mapper;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** The admin route's JSON answer; {@code issuerId} is the team (X-Braeburn-Issuer), null for none. */
  JsonNode call(String method, String path, String query, String body, String issuerId) {
    ApiResponse answer = admin.call(method, path, query, body, issuerId);
    String text = answer.body() == null ? "" : new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.status() >= 400) {
      throw new ApiException(ApiError.of(answer.status(), "CONSOLE", "The admin API refused", text));
    }
    try {
      return text.isEmpty() ? mapper.createObjectNode() : mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the admin API answered " + path + " with no JSON", e);
    }
  }

  /** {@code GET /_braeburn/<path>?<query>} for the team {@code issuerId} (null: server-wide). */
  JsonNode get(String path, String query, String issuerId) {
    return call("GET", path, query, null, issuerId);
  }

  JsonNode post(String path, String jsonBody, String issuerId) {
    return call("POST", path, null, jsonBody, issuerId);
  }

  /** The server's teams, in the order the admin API lists them. */
  List<JsonNode> teams() {
    List<JsonNode> out = new java.util.ArrayList<>();
    get("teams", null, null).path("data").forEach(out::add);
    return out;
  }

  /** Every value of a form field, in order (a checkbox group sends one per ticked box). */
  static List<String> formValues(ApiRequest req, String name) {
    if (!req.hasBody()) {
      return List.of();
    }
    return QueryString.parse(new String(req.body(), StandardCharsets.UTF_8)).stream()
        .filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).toList();
  }

  /** The first value of a form field, trimmed; "" when absent. */
  static String formValue(ApiRequest req, String name) {
    return formValues(req, name).stream().findFirst().orElse("").trim();
  }

  /** A query parameter of a console page, "" when absent. */
  static String query(ApiRequest req, String name) {
    String value = AdminApi.queryParameter(req, name);
    return value == null ? "" : value.trim();
  }

  /** A value as a URL path segment or query value (spaces as %20, so it is right in both). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
