package dev.braeburn.server.family.reports.analytics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A file row's identity: the dimension values its report level shows. The values are mostly the
 * model's own shared strings, so equality and hashing are cheap; the text is built only for rows
 * written.
 */
final class RowKey {
  private final String[] values;
  private final int hash;
  private byte[] cells; // the cells as written, made on first use: a cached day's keys are written again and again

  RowKey(String[] dimensions, int[] kept) {
    values = new String[kept.length];
    for (int i = 0; i < kept.length; i++) {
      values[i] = dimensions[kept[i]] == null ? "" : dimensions[kept[i]];
    }
    hash = Arrays.hashCode(values);
  }

  /** Each dimension cell after a tab, UTF-8; a cell never contains the tab or line break that delimit cells and rows. */
  byte[] cells() {
    if (cells == null) {
      StringBuilder text = new StringBuilder();
      for (String value : values) {
        text.append('\t').append(clean(value));
      }
      cells = text.toString().getBytes(StandardCharsets.UTF_8);
    }
    return cells;
  }

  static String clean(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
      }
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowKey k && k.hash == hash && Arrays.equals(k.values, values);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
