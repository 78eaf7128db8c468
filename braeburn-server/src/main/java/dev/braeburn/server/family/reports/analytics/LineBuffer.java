package dev.braeburn.server.family.reports.analytics;

import java.util.Arrays;

/**
 * One line of a report file being assembled as UTF-8 bytes, reused from line to line: files of a
 * year of instances hold millions of lines, and building a String per line and encoding it again
 * was most of the cost of making them.
 */
final class LineBuffer {
  private byte[] bytes = new byte[512];
  private int length;
  private final byte[] digits = new byte[20];

  void reset() {
    length = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  LineBuffer put(byte[] part) {
    ensure(part.length);
    System.arraycopy(part, 0, bytes, length, part.length);
    length += part.length;
    return this;
  }

  LineBuffer put(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  /** A whole number in plain digits, as {@link Long#toString(long)} writes it. */
  LineBuffer putLong(long value) {
    if (value < 0) {
      put('-');
      if (value == Long.MIN_VALUE) {
        return put(Long.toString(value).substring(1).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      value = -value;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    ensure(n);
    while (n > 0) {
      bytes[length++] = digits[--n];
    }
    return this;
  }

  /** Cents as dollars with two decimals, as {@code BigDecimal.valueOf(cents, 2).toPlainString()} writes them. */
  LineBuffer putCents(long cents) {
    if (cents < 0) {
      put('-');
    }
    long abs = Math.abs(cents);
    putLong(abs / 100);
    put('.');
    put((char) ('0' + abs % 100 / 10));
    return put((char) ('0' + abs % 10));
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
