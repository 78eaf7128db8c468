package dev.braeburn.server.storekit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One App Store Server API endpoint, a row of {@code braeburn/storekit/endpoints.json}: its name
 * (what handlers register under), method, path template with {@code {name}} parameters, Apple's
 * production rate in requests a second (null: not in Apple's table, unlimited here) and whether
 * only the production host serves it (Look Up Order ID, server-api.md §1.1).
 */
public record Endpoint(String name, String method, String path, Integer perSecond, boolean productionOnly) {

  /** How many of the template's segments are literal: the more specific template wins a tie. */
  int literalSegments() {
    int n = 0;
    for (String segment : path.split("/")) {
      if (!segment.startsWith("{")) {
        n++;
      }
    }
    return n;
  }

  /** The path parameters when {@code rawPath} fits the template, else null. Parameters match one non-empty segment. */
  Map<String, String> match(String rawPath) {
    String[] template = path.split("/", -1);
    String[] actual = rawPath.split("/", -1);
    if (template.length != actual.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith("{")) {
        if (actual[i].isEmpty()) {
          return null;
        }
        params.put(template[i].substring(1, template[i].length() - 1), java.net.URLDecoder.decode(actual[i].replace("+", "%2B"),
            java.nio.charset.StandardCharsets.UTF_8));
      } else if (!template[i].equals(actual[i])) {
        return null;
      }
    }
    return params;
  }
}
