package dev.braeburn.server.jsonapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a raw query string into decoded name/value pairs. Clients send brackets and commas both
 * raw ({@code filter[platform]=IOS,MAC_OS}) and percent-encoded ({@code filter%5Bplatform%5D}),
 * and some append a bare '?'; all of these mean the same thing.
 */
public final class QueryString {
  /** Beyond this a query string is not a client's request but an accident or an attack. */
  public static final int MAX_LENGTH = 16 * 1024;

  public static final int MAX_PARAMETERS = 100;

  private QueryString() {}

  public static List<Map.Entry<String, String>> parse(String raw) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return pairs;
    }
    if (raw.length() > MAX_LENGTH) {
      throw new ApiException(
          ApiError.of(
              414,
              "PARAMETER_ERROR.INVALID",
              "A parameter has an invalid value",
              "The query string has " + raw.length() + " characters; the limit is " + MAX_LENGTH));
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq), part);
      String value = eq < 0 ? "" : decode(part.substring(eq + 1), name);
      pairs.add(Map.entry(name, value));
      if (pairs.size() > MAX_PARAMETERS) {
        throw new ApiException(
            Errors.parameterInvalid(
                name, "The request has more than " + MAX_PARAMETERS + " query parameters"));
      }
    }
    return pairs;
  }

  private static String decode(String text, String parameter) {
    try {
      String decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
      if (decoded.indexOf('\0') >= 0) {
        // %00 decodes to U+0000, which PostgreSQL cannot compare or store (500 there, found by the
        // fuzz suite); no name or value of Apple's API holds it. Apple's answer is not recorded: inferred.
        throw new ApiException(Errors.parameterInvalid(parameter, "The parameter '" + parameter + "' contains the character U+0000"));
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          Errors.parameterInvalid(parameter, "The parameter '" + parameter + "' is not correctly URL-encoded"));
    }
  }
}
