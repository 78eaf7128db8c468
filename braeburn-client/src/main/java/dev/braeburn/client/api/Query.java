package dev.braeburn.client.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds request URLs: a path under the base URL or an absolute URL (as {@code links.next}), plus query parameters. */
final class Query {
  private Query() {}

  static String url(String baseUrl, String pathOrUrl, Map<String, String> query) {
    String url = isAbsolute(pathOrUrl) ? pathOrUrl : stripSlash(baseUrl) + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl;
    if (query == null || query.isEmpty()) {
      return url;
    }
    StringBuilder b = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
    boolean first = true;
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (!first) {
        b.append('&');
      }
      first = false;
      // brackets and commas stay percent-encoded: java.net.URI refuses raw brackets in a query
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  static boolean isAbsolute(String pathOrUrl) {
    return pathOrUrl.startsWith("https://") || pathOrUrl.startsWith("http://");
  }

  private static String stripSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
