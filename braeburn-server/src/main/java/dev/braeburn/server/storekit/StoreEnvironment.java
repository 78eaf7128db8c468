package dev.braeburn.server.storekit;

import java.util.Locale;
import java.util.Optional;

/**
 * Apple's two environments a request or a transaction lives in (server-api.md §1.1). A request to
 * one of Apple's host names (Braeburn reached through the proxy mode, or a hosts entry) is in that
 * host's environment; a request to Braeburn's own address is in its app's environment setting
 * ({@code PATCH /_braeburn/storekit/apps/{id}}), Sandbox unless changed.
 */
public enum StoreEnvironment {
  SANDBOX("Sandbox"),
  PRODUCTION("Production");

  /** The hidden app attribute that keeps the setting (never rendered: no response schema has it). */
  public static final String APP_ATTRIBUTE = "braeburnStoreKitEnvironment";

  private final String wire;

  StoreEnvironment(String wire) {
    this.wire = wire;
  }

  /** The value in signed payloads and responses: {@code Sandbox}, {@code Production}. */
  public String wire() {
    return wire;
  }

  public static Optional<StoreEnvironment> parse(String value) {
    for (StoreEnvironment e : values()) {
      if (e.wire.equalsIgnoreCase(value) || e.name().equalsIgnoreCase(value)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The environment Apple's host name stands for: the current and the legacy ({@code itunes}) hosts of each. */
  public static Optional<StoreEnvironment> ofHost(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    return switch (name) {
      case "api.storekit.apple.com", "api.storekit.itunes.apple.com" -> Optional.of(PRODUCTION);
      case "api.storekit-sandbox.apple.com", "api.storekit-sandbox.itunes.apple.com" -> Optional.of(SANDBOX);
      default -> Optional.empty();
    };
  }
}
