package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.QueryString;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the console's page classes share: admin calls answered as JSON (a refusal becomes the
 * console's "Refused" page through the {@link dev.braeburn.server.jsonapi.ApiException} it throws),
 * form fields (several values for one name: checkboxes), and URL parts.
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
    if (answer.body() == null || answer.body().length == 0) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the admin API answered " + path + " with no JSON", e);
    }
  }

  JsonNode get(String path, String query, String issuerId) {
    return call("GET", path, query, null, issuerId);
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
