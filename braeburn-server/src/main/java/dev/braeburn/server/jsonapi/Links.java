package dev.braeburn.server.jsonapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs as Apple builds them: from the Host the client addressed, the request path and
 * its query echoed back (protocol.md §5.3, §5.5) in Apple's encoding — brackets percent-encoded
 * whether the client sent them raw or encoded (recorded: {@code …/instances?filter%5Bgranularity%5D=DAILY}).
 */
public final class Links {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Links() {}

  public static String self(String baseUrl, String rawPath, String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? baseUrl + rawPath : baseUrl + rawPath + "?" + canonical(rawQuery);
  }

  /**
   * The query with every name and value decoded and encoded again: RFC 3986 unreserved characters
   * and the comma that separates list values stay as they are, everything else — brackets, spaces,
   * colons — is percent-encoded in upper-case hex. Commas raw is inferred: only bracket encoding is
   * recorded. A part that does not decode is kept as sent (the query validator refuses such requests).
   */
  static String canonical(String rawQuery) {
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('&');
      }
      int eq = part.indexOf('=');
      try {
        encode(out, decode(eq < 0 ? part : part.substring(0, eq)));
        if (eq >= 0) {
          out.append('=');
          encode(out, decode(part.substring(eq + 1)));
        }
      } catch (IllegalArgumentException e) {
        out.append(part);
      }
    }
    return out.toString();
  }

  private static String decode(String s) {
    return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void encode(StringBuilder out, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == ',') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
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
