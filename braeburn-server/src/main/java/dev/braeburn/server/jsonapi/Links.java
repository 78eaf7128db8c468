package dev.braeburn.server.jsonapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs as Apple builds them: from the Host the client addressed, the request path and
 * its query echoed back (protocol.md §5.3, §5.5).
 */
public final class Links {
  private Links() {}

  public static String self(String baseUrl, String rawPath, String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? baseUrl + rawPath : baseUrl + rawPath + "?" + rawQuery;
  }

  /** The request URL with its {@code cursor} replaced: the first or the next page. */
  public static String withCursor(String baseUrl, String rawPath, String rawQuery, String cursor) {
    StringBuilder query = new StringBuilder();
    if (cursor != null) {
      query.append("cursor=").append(cursor);
    }
    if (rawQuery != null) {
      for (String part : rawQuery.split("&")) {
        if (part.isEmpty() || isCursor(part)) {
          continue;
        }
        query.append(query.isEmpty() ? "" : "&").append(part);
      }
    }
    return self(baseUrl, rawPath, query.toString());
  }

  private static boolean isCursor(String part) {
    int eq = part.indexOf('=');
    String name = eq < 0 ? part : part.substring(0, eq);
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8).equals("cursor");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
