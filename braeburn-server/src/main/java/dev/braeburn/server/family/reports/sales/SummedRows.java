package dev.braeburn.server.family.reports.sales;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Rows that agree on every cell but their count are one line whose count is the sum: how a weekly
 * report sums its days, and how a summary sums the model's finer rows. Lines keep the order in
 * which they first appeared, so equal inputs give equal files.
 */
final class SummedRows {
  private final Map<List<String>, TsvTable.Row> rows = new LinkedHashMap<>();
  private final Map<List<String>, long[]> sums = new LinkedHashMap<>();

  void add(TsvTable.Row row, long count) {
    List<String> key = row.key();
    rows.putIfAbsent(key, row);
    sums.computeIfAbsent(key, k -> new long[1])[0] += count;
  }

  /** Completes every line with its sum (and whatever derives from it) and adds it to its table. */
  void write(BiConsumer<TsvTable.Row, Long> complete) {
    rows.forEach((key, row) -> {
      complete.accept(row, sums.get(key)[0]);
      row.add();
    });
  }
}
