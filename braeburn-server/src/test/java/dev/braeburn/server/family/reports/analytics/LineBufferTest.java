package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBufferTest {
  @Test
  void numbersAreWrittenAsLongAndBigDecimalWriteThem() {
    LineBuffer buffer = new LineBuffer();
    for (long v : new long[] {0, 1, -1, 9, 10, 99, 100, 101, -5, -105, 123456789012L, Long.MAX_VALUE, Long.MIN_VALUE, -Long.MAX_VALUE}) {
      buffer.reset();
      buffer.putLong(v);
      assertThat(text(buffer)).isEqualTo(Long.toString(v));
      if (v != Long.MIN_VALUE) {
        buffer.reset();
        buffer.putCents(v);
        assertThat(text(buffer)).isEqualTo(BigDecimal.valueOf(v, 2).toPlainString());
      }
    }
  }

  @Test
  void growsForLongLines() {
    LineBuffer buffer = new LineBuffer();
    byte[] part = "Ledgerly – Budget Planner\t".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 100; i++) {
      buffer.put(part);
    }
    assertThat(text(buffer)).isEqualTo("Ledgerly – Budget Planner\t".repeat(100));
  }

  private static String text(LineBuffer buffer) {
    return new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8);
  }
}
