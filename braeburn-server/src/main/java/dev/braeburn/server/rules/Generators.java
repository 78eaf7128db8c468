package dev.braeburn.server.rules;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The identifier formats the table's {@code generate} rows may name, each shaped like Apple's. */
final class Generators {
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final Map<String, Supplier<String>> BY_NAME = Map.of(
      // profiles.uuid: lower-case RFC 4122, the plist's UUID (provisioning.md §4)
      "uuid", () -> UUID.randomUUID().toString(),
      // certificates.serialNumber: upper-case hex of a 16-byte X.509 serial without leading zeros (provisioning.md §3)
      "serialNumber", Generators::serialNumber,
      // TestFlight public link ids: eight mixed-case alphanumerics (testflight.apple.com/join/AbCd1234)
      "publicLinkId", () -> random(8));

  private Generators() {}

  static Set<String> names() {
    return BY_NAME.keySet();
  }

  static String generate(String name) {
    Supplier<String> generator = BY_NAME.get(name);
    if (generator == null) {
      throw new IllegalArgumentException("unknown generator " + name);
    }
    return generator.get();
  }

  private static String serialNumber() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] &= 0x7f; // a positive INTEGER
    String hex = HexFormat.of().withUpperCase().formatHex(bytes).replaceFirst("^0+", "");
    return hex.isEmpty() ? "1" : hex;
  }

  private static String random(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
    }
    return sb.toString();
  }
}
