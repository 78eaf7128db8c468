package dev.braeburn.server.family.storekit.signin;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.QueryString;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code application/x-www-form-urlencoded} body of a Sign in with Apple request (server-api.md
 * §5): each parameter at most once, as OAuth 2.0 (RFC 6749 §3.2) requires.
 */
final class OAuthForm {
  private final Map<String, String> values;

  private OAuthForm(Map<String, String> values) {
    this.values = values;
  }

  static OAuthForm of(ApiRequest request) {
    String body = request.hasBody() ? new String(request.body(), StandardCharsets.UTF_8) : "";
    Map<String, String> values = new HashMap<>();
    List<Map.Entry<String, String>> pairs;
    try {
      pairs = QueryString.parse(body);
    } catch (ApiException e) {
      throw new OAuthRefusal("missingParameter", "the form body is unreadable: " + e.getMessage());
    }
    for (Map.Entry<String, String> pair : pairs) {
      if (values.putIfAbsent(pair.getKey(), pair.getValue()) != null) {
        throw new OAuthRefusal("missingParameter", "the form repeats " + pair.getKey() + "; OAuth parameters appear once (RFC 6749 §3.2)");
      }
    }
    return new OAuthForm(values);
  }

  /** The parameter, or null when absent or empty. */
  String get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  String required(String name, String hint) {
    String value = get(name);
    if (value == null) {
      throw new OAuthRefusal("missingParameter", "the form has no " + name + " (" + hint + "); send it form-encoded"
          + " (Content-Type: application/x-www-form-urlencoded)");
    }
    return value;
  }
}
