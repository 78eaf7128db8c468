package dev.braeburn.server.engine;

import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;

/**
 * Resource ids shaped like Apple's (protocol.md §5.3): numeric for apps and the purchasable
 * products, ten upper-case alphanumerics for provisioning resources, UUIDs for the rest.
 */
public final class IdGenerator {
  private static final Set<String> NUMERIC = Set.of("apps", "inAppPurchases", "subscriptions", "subscriptionGroups");
  private static final Set<String> SHORT = Set.of("bundleIds", "devices", "certificates", "profiles", "merchantIds", "passTypeIds");
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final SecureRandom random = new SecureRandom();

  public String next(String type) {
    if (NUMERIC.contains(type)) {
      return Long.toString(6_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 3_999_999_999L);
    }
    if (SHORT.contains(type)) {
      return shortId();
    }
    return UUID.randomUUID().toString();
  }

  public String shortId() {
    StringBuilder sb = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return sb.toString();
  }
}
