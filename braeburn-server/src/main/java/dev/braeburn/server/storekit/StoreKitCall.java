package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.store.Resource;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One admitted App Store Server API request, as an endpoint handler sees it: the caller's team and
 * key, the app its token's {@code bid} names, the environment it addresses, the path parameters
 * and the query with repeated keys kept ({@code status=1&status=2}, server-api.md §1.2).
 */
public record StoreKitCall(
    ApiRequest request,
    Endpoint endpoint,
    Map<String, String> params,
    String issuerId,
    String keyId,
    Resource app,
    StoreEnvironment environment,
    ObjectMapper mapper) {

  public String param(String name) {
    return params.get(name);
  }

  /** Every value of a query key, in order; empty when absent. */
  public List<String> query(String name) {
    return queryMap().getOrDefault(name, List.of());
  }

  /** The one value of a query key, or null. */
  public String queryOne(String name) {
    List<String> values = query(name);
    return values.isEmpty() ? null : values.getLast();
  }

  public Map<String, List<String>> queryMap() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String raw = request.query();
    if (raw == null || raw.isEmpty()) {
      return out; // Node's client always sends a bare "?" (server-api.md §1.2)
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The JSON body; a missing or unreadable one is Apple's general bad request. */
  public JsonNode body() {
    if (!request.hasBody()) {
      throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, endpoint.name() + " needs a JSON body; the request has none");
    }
    try {
      JsonNode node = mapper.readTree(request.body());
      if (node == null || !node.isObject()) {
        throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, "the body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  public String teamId() {
    return issuerId;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
