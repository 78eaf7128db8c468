package dev.braeburn.acceptance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads report files as a data pipeline does: gunzip, then tab-separated rows keyed by the header's column names. */
final class ReportFiles {
  private ReportFiles() {}

  static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("not gzip", e);
    }
  }

  /** The header line's column names, in file order. */
  static List<String> header(byte[] gzip) {
    String text = new String(gunzip(gzip), StandardCharsets.UTF_8);
    return List.of(text.substring(0, Math.max(0, text.indexOf('\n'))).split("\t", -1));
  }

  /** Every non-blank line after the header as column name → value (blank lines at the end are skipped). */
  static List<Map<String, String>> rows(byte[] gzip) {
    String[] lines = new String(gunzip(gzip), StandardCharsets.UTF_8).split("\n", -1);
    String[] names = lines[0].split("\t", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < names.length; c++) {
        row.put(names[c], c < cells.length ? cells[c] : null);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Sum of a numeric column over rows. */
  static double sum(List<Map<String, String>> rows, String column) {
    double total = 0;
    for (Map<String, String> row : rows) {
      String v = row.get(column);
      if (v != null && !v.isBlank()) {
        total += Double.parseDouble(v.trim());
      }
    }
    return total;
  }
}
