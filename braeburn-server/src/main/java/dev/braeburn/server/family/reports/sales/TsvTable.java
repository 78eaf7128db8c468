package dev.braeburn.server.family.reports.sales;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A report file as Apple writes them (reports-webhooks.md §2.3): UTF-8, tab-separated, a header
 * row, {@code \n} after every line, gzip. Empty cells are empty strings. Cells are set by column
 * name, so a row can never slip a column.
 */
final class TsvTable {
  /** Sales and finance files write dates as MM/DD/YYYY (§2.3, §3). */
  static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> footer = new ArrayList<>();

  TsvTable(List<String> columns) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      if (index.put(columns.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate column " + columns.get(i));
      }
    }
  }

  /** One line being filled, not yet part of the table. */
  final class Row {
    private final String[] cells = new String[columns.size()];

    private Row() {
      Arrays.fill(cells, "");
    }

    Row set(String column, String value) {
      Integer at = index.get(column);
      if (at == null) {
        throw new IllegalArgumentException("no column " + column);
      }
      cells[at] = value == null ? "" : value;
      return this;
    }

    Row set(String column, long value) {
      return set(column, Long.toString(value));
    }

    Row set(String column, LocalDate date) {
      return set(column, date.format(US_DATE));
    }

    String get(String column) {
      return cells[index.get(column)];
    }

    /** Every cell, for summing rows that agree on everything but their counts. */
    List<String> key() {
      return List.of(cells);
    }

    void add() {
      rows.add(cells);
    }
  }

  Row row() {
    return new Row();
  }

  List<String> columns() {
    return columns;
  }

  int size() {
    return rows.size();
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** A line after the rows, e.g. the totals of a financial report. */
  void footer(String... cells) {
    footer.add(String.join("\t", cells));
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.join("\t", columns)).append('\n');
    for (String[] row : rows) {
      out.append(String.join("\t", row)).append('\n');
    }
    footer.forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  /** Deterministic gzip: the JDK writes no file name and a zero timestamp, so equal text gives equal bytes. */
  byte[] gzip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A price or share as the model holds it ("0.99", "160"), and "0" for nothing. */
  static String amount(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.toPlainString();
  }

  /** Two decimals, as financial reports write shares and totals ("3.15", "34.65"). */
  static String cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
