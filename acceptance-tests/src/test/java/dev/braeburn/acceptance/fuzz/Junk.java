package dev.braeburn.acceptance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

/** Hostile values a buggy client sends: odd ids, names, numbers and text, drawn from a seeded random. */
final class Junk {
  private static final List<String> IDS = List.of(
      "0", "-1", "00000000-0000-0000-0000-000000000000", "18446744073709551616", "9223372036854775808",
      "null", "undefined", "true", "%", "%25", "..", ".", "~", "app$", "a b", "a+b", "ä", "☃", "😀", "\u202e", "𝕏",
      "' OR 1=1 --", "\"", "<script>", "${jndi:x}", "%s%n", "\\", "*", "1600000001,1600000002");
  private static final List<String> NUMBERS = List.of(
      "-1", "0", "-0", "1.5", "1e3", "1e400", "-1e400", "NaN", "Infinity", "0x10", "+1", " 1", "1 ",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999999999999",
      "2147483648", "4294967296", "", "abc", "１");

  private Junk() {}

  static <T> T pick(RandomGenerator r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** An id that is unknown, odd or both. */
  static String id(RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> pick(r, IDS);
      case 1 -> Long.toString(r.nextLong() & Long.MAX_VALUE);
      case 2 -> java.util.UUID.nameUUIDFromBytes(Long.toString(r.nextLong()).getBytes(StandardCharsets.UTF_8)).toString();
      default -> text(r, 1 + r.nextInt(40));
    };
  }

  /** A number-like (or not) query or JSON literal text. */
  static String number(RandomGenerator r) {
    return pick(r, NUMBERS);
  }

  /** Text of {@code length} code points from ASCII, Latin, BMP symbols, emoji and controls. */
  static String text(RandomGenerator r, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int cp = switch (r.nextInt(8)) {
        case 0 -> 0x20 + r.nextInt(0x5f); // printable ASCII, brackets and escapes included
        case 1 -> 'a' + r.nextInt(26);
        case 2 -> 0xa0 + r.nextInt(0x160);
        case 3 -> 0x2600 + r.nextInt(0x100);
        case 4 -> 0x1f600 + r.nextInt(0x50);
        case 5 -> nonBreaking(r.nextInt(0x20)); // controls, NUL included
        case 6 -> 0x4e00 + r.nextInt(0x100);
        default -> '0' + r.nextInt(10);
      };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  /** CR and LF would end a request line or header early (a framing error, not a value): tab and VT instead. */
  private static int nonBreaking(int control) {
    return control == '\n' ? '\t' : control == '\r' ? 0x0b : control;
  }

  /** A long value: {@code n} repetitions of a short unit. */
  static String longText(RandomGenerator r) {
    int n = pick(r, List.of(1_000, 9_000, 70_000, 300_000));
    return (r.nextBoolean() ? "x" : "é").repeat(n);
  }

  /** A cursor a client garbled: random base64url, base64url of the wrong JSON, or no base64 at all. */
  static String cursor(RandomGenerator r) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return switch (r.nextInt(6)) {
      case 0 -> {
        byte[] bytes = new byte[1 + r.nextInt(64)];
        r.nextBytes(bytes);
        yield b64.encodeToString(bytes);
      }
      case 1 -> b64.encodeToString(pick(r, List.of("{}", "[]", "null", "1", "\"x\"", "{\"s\":null}", "[[[[[[[[[[]]]]]]]]]]",
          "{\"v\":[1e400],\"seq\":\"x\"}", "{\"seq\":-1}", "{\"seq\":9223372036854775807,\"v\":[]}", "[null,{\"a\":[]}]",
          "{\"v\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"],\"seq\":1}")).getBytes(StandardCharsets.UTF_8));
      case 2 -> "%%%";
      case 3 -> "eyJ" + text(r, 8);
      case 4 -> b64.encodeToString(("{\"v\":[" + "1,".repeat(5000) + "1],\"seq\":1}").getBytes(StandardCharsets.UTF_8));
      default -> "";
    };
  }

  /** Percent-encodes every byte of {@code s} as UTF-8 (uppercase hex, as clients do). */
  static String percentEncodeAll(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }

  /** Percent-encodes what a URL may not carry raw (space, %, #, ?, non-ASCII…) and keeps the rest. */
  static String encodeQueryValue(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
