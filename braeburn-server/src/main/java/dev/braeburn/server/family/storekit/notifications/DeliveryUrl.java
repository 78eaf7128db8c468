package dev.braeburn.server.family.storekit.notifications;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an app's notifications go: the App Store Connect {@code apps} resource's
 * {@code subscriptionStatusUrl} (Production) or {@code subscriptionStatusUrlForSandbox} (Sandbox),
 * set with {@code PATCH /v1/apps/{id}} (server-api.md §3.6). Braeburn sends only Version 2
 * notifications: a URL whose version attribute says {@code V1} counts as none; an unset version
 * counts as V2 [INFER].
 */
final class DeliveryUrl {
  /**
   * Reserved example domains (RFC 2606/6761): no receiver can be there, so Braeburn never sends to
   * them (the demo apps' URLs are in example.com) and records the attempt as NO_RESPONSE, as a
   * host that does not resolve would be [INFER].
   */
  private static final List<String> RESERVED = List.of("example.com", "example.net", "example.org", "example", "invalid", "test");

  private DeliveryUrl() {}

  static Optional<String> of(Resource app, StoreEnvironment environment) {
    boolean production = environment == StoreEnvironment.PRODUCTION;
    String url = text(app, production ? "subscriptionStatusUrl" : "subscriptionStatusUrlForSandbox");
    String version = text(app, production ? "subscriptionStatusUrlVersion" : "subscriptionStatusUrlVersionForSandbox");
    if (url == null || url.isBlank() || "V1".equals(version)) {
      return Optional.empty();
    }
    return Optional.of(url);
  }

  /** Why there is no URL, for a diagnosis. */
  static String missing(Resource app, StoreEnvironment environment) {
    boolean production = environment == StoreEnvironment.PRODUCTION;
    String attribute = production ? "subscriptionStatusUrl" : "subscriptionStatusUrlForSandbox";
    String version = text(app, production ? "subscriptionStatusUrlVersion" : "subscriptionStatusUrlVersionForSandbox");
    if ("V1".equals(version) && text(app, attribute) != null) {
      return "app " + app.id() + "'s " + environment.wire() + " URL is set for Version 1 notifications, which Braeburn does not send; "
          + "PATCH /v1/apps/" + app.id() + " with " + (production ? "subscriptionStatusUrlVersion" : "subscriptionStatusUrlVersionForSandbox")
          + " V2";
    }
    return "app " + app.id() + " has no " + attribute + " for the " + environment.wire() + " environment; set it with PATCH /v1/apps/"
        + app.id();
  }

  static boolean reserved(String url) {
    try {
      String host = URI.create(url).getHost();
      if (host == null) {
        return false;
      }
      String h = host.toLowerCase(Locale.ROOT);
      return RESERVED.stream().anyMatch(r -> h.equals(r) || h.endsWith("." + r));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String text(Resource app, String attribute) {
    return app.attributes().path(attribute).isTextual() ? app.attributes().get(attribute).asText() : null;
  }
}
