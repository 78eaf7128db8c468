package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.ProductKind;

/**
 * Apple's Product Type Identifiers (reports-webhooks.md §2.3) for what the model sells, by the
 * device it was bought on: an app is 1 on iPhone, 1T on iPad, F1 on a Mac and 1F (universal)
 * elsewhere; redownloads 3F (F3 on a Mac), updates 7F (F7); in-app purchases IA1 (FI1 on a Mac),
 * non-renewing subscriptions IA9, auto-renewable ones IAY.
 */
final class ProductTypes {
  private static final String MAC = "Desktop";

  private ProductTypes() {}

  static String download(String device) {
    return switch (device) {
      case "iPhone" -> "1";
      case "iPad" -> "1T";
      case MAC -> "F1";
      default -> "1F";
    };
  }

  static String redownload(String device) {
    return MAC.equals(device) ? "F3" : "3F";
  }

  static String update(String device) {
    return MAC.equals(device) ? "F7" : "7F";
  }

  static String inApp(ProductKind kind, String device) {
    return switch (kind) {
      case AUTO_RENEWABLE_SUBSCRIPTION -> "IAY";
      case NON_RENEWING_SUBSCRIPTION -> "IA9";
      case CONSUMABLE, NON_CONSUMABLE -> MAC.equals(device) ? "FI1" : "IA1";
    };
  }

  /** The Supported Platforms column for a device. */
  static String platform(String device) {
    return switch (device) {
      case MAC -> "macOS";
      case "Apple TV" -> "tvOS";
      case "Apple Vision" -> "visionOS";
      default -> "iOS";
    };
  }
}
