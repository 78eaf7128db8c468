package dev.braeburn.server.family.signing;

import java.util.Locale;
import java.util.regex.Pattern;

/** The UDID forms Apple registers and what they say about the device (provisioning.md §6.1). */
final class Udids {
  /** Pre-2018 iPhone, iPad, iPod, Watch and TV: 40 hex digits. */
  private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");
  /** A12 and later iOS devices and Apple-silicon Macs: 8 hex, a dash, 16 hex (25 characters). */
  private static final Pattern CHIP = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{16}");
  /** Intel Macs' provisioning UDID: a UUID, 8-4-4-4-12. */
  private static final Pattern UUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  /** Apple-silicon Macs' chip ids start 00006… (recorded {@code 00006020-0C10A7180CC1E002}, §6.1). */
  private static final String MAC_CHIP_PREFIX = "00006";

  private Udids() {}

  /**
   * Whether Apple takes the UDID for the platform: iOS devices have the 40-hex or chip form — an
   * Intel Mac's UUID with IOS was refused (§6.2, recorded); Macs the chip form or a UUID [INFER: MAC_OS
   * refuses the 40-hex form]; the other platforms any of the three [INFER].
   */
  static boolean valid(String udid, String platform) {
    boolean hex40 = HEX40.matcher(udid).matches();
    boolean chip = CHIP.matcher(udid).matches();
    boolean uuid = UUID.matcher(udid).matches();
    return switch (platform) {
      case "IOS" -> hex40 || chip;
      case "MAC_OS" -> chip || uuid;
      default -> hex40 || chip || uuid;
    };
  }

  /** §6.2: Apple compares UDIDs ignoring case and may ignore the dash. */
  static String comparable(String udid) {
    return udid.replace("-", "").toLowerCase(Locale.ROOT);
  }

  /**
   * §6.1: Apple derives the class from its records of the hardware, which Braeburn does not have: a
   * Mac's UDID forms (a UUID, or a chip id starting 00006) and the MAC_OS platform give MAC — Apple
   * answered APPLE_SILICON_MAC, outside the spec's enum, so the spec's MAC [INFER] — everything else
   * IPHONE [INFER]. Seeded devices keep the class they were loaded with.
   */
  static String deviceClass(String udid, String platform) {
    boolean mac = platform.equals("MAC_OS") || UUID.matcher(udid).matches()
        || (CHIP.matcher(udid).matches() && udid.startsWith(MAC_CHIP_PREFIX));
    return mac ? "MAC" : "IPHONE";
  }
}
