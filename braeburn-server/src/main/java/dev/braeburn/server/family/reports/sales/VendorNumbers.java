package dev.braeburn.server.family.reports.sales;

/**
 * A team's vendor number, the {@code filter[vendorNumber]} of sales and finance downloads. Apple
 * gives each provider an 8-digit number (typically starting with 8); Braeburn derives it from the
 * issuer ID, so it is stable across restarts, snapshots and instances without being stored.
 */
public final class VendorNumbers {
  private VendorNumbers() {}

  public static String of(String issuerId) {
    return StableNumbers.of(issuerId, 8, 8);
  }
}
