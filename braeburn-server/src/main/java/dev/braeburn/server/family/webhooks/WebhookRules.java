package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apple's rules for a webhook's attributes beyond what the request schema checks (the body
 * validator already answers unknown event types with Apple's "'X' is not a valid value for the
 * attribute 'eventTypes/0'. Expected one of: …"): a non-empty secret, at least one event type, an
 * absolute {@code https} URL — Apple requires https; this local sandbox also accepts {@code http}
 * to a loopback host (localhost, 127.0.0.0/8, ::1), so receivers on the developer's machine work
 * without certificates — and at most {@value #MAX_PER_APP} webhooks per app (reports-webhooks.md
 * §4.1). Wording is inferred.
 */
final class WebhookRules {
  static final int MAX_PER_APP = 10;
  private static final String POINTER = "/data/attributes/";

  private WebhookRules() {}

  /** Checks the given attributes of a create ({@code all}) or of an update (only those present); all problems at once. */
  static void check(ObjectNode attributes) {
    List<ApiError> errors = new ArrayList<>();
    JsonNode secret = attributes.get("secret");
    if (secret != null && secret.isTextual() && secret.asText().isEmpty()) {
      errors.add(Errors.attributeInvalid("The attribute 'secret' must not be empty: it signs every notification", POINTER + "secret"));
    }
    JsonNode eventTypes = attributes.get("eventTypes");
    if (eventTypes != null && eventTypes.isArray() && eventTypes.isEmpty()) {
      errors.add(Errors.attributeInvalid("The attribute 'eventTypes' must name at least one event type", POINTER + "eventTypes"));
    }
    JsonNode url = attributes.get("url");
    if (url != null && url.isTextual()) {
      String problem = urlProblem(url.asText());
      if (problem != null) {
        errors.add(Errors.attributeInvalid("'" + url.asText() + "' is not a valid value for the attribute 'url': " + problem, POINTER + "url"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
  }

  static ApiException tooMany(String appId) {
    return new ApiException(Errors.relationshipInvalid(
        "The app '" + appId + "' already has " + MAX_PER_APP + " webhooks, the most an app can have; delete one to add another",
        "/data/relationships/app"));
  }

  static String urlProblem(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return "it must be an absolute https URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getHost().isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      return "it must be an absolute https URL";
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      return "it must use https (Braeburn also accepts http to localhost or a loopback address)";
    }
    return null;
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name other than localhost: never resolved here
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no DNS lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
