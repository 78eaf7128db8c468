package dev.braeburn.client.api;

import java.util.OptionalLong;

/**
 * App Store Connect's {@code X-Rate-Limit} header, {@code user-hour-lim:3600;user-hour-rem:3599;}:
 * the key's hourly allowance and what is left of it in the rolling hour.
 */
public record RateLimit(long hourlyLimit, long remaining) {

  /** The header parsed; empty values when absent or unreadable (the API does not promise the header). */
  public static java.util.Optional<RateLimit> parse(String header) {
    if (header == null) {
      return java.util.Optional.empty();
    }
    OptionalLong limit = field(header, "user-hour-lim");
    OptionalLong remaining = field(header, "user-hour-rem");
    if (remaining.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new RateLimit(limit.orElse(-1), remaining.getAsLong()));
  }

  /** True when the hour's allowance is used up: the next request will be a 429. */
  public boolean exhausted() {
    return remaining <= 0;
  }

  private static OptionalLong field(String header, String name) {
    for (String part : header.split(";")) {
      int colon = part.indexOf(':');
      if (colon > 0 && part.substring(0, colon).trim().equalsIgnoreCase(name)) {
        try {
          return OptionalLong.of(Long.parseLong(part.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
