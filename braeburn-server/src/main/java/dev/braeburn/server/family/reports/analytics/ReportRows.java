package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.ModelApp;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lines of one instance's file: the header, then per batch ({@link InstanceRecipe.Slice}) the
 * report's facts over the batch's days, summed per distinct row (Standard files thereby aggregate
 * away Source Info, Campaign and Page Title), scaled to the batch's completeness, and — with the
 * privacy scenario — rows under {@value #PRIVACY_THRESHOLD} people withheld and Detailed counts
 * noised. Rows keep the order in which the model first produced them: equal inputs, equal lines.
 */
final class ReportRows {
  /** Apple shows a row only when at least this many people contributed (reports-webhooks.md §1.6). */
  static final int PRIVACY_THRESHOLD = 5;
  /** Detailed counts move by up to this share under the privacy scenario. */
  private static final double NOISE = 0.03;

  private final InstanceRecipe recipe;
  private final ReportCatalogue.Entry entry;
  private final ModelApp app;
  private final int[] kept;
  private final RowCache cache;

  /** {@code cache} keeps each day's rows for the next instances; null computes them every time. */
  ReportRows(InstanceRecipe recipe, ModelApp app, RowCache cache) {
    this.recipe = recipe;
    this.cache = cache;
    this.entry = recipe.entry();
    this.app = app;
    List<Level.Column> dimensions = entry.kind().dimensions();
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      if (entry.level().shows(dimensions.get(i))) {
        keep.add(i);
      }
    }
    kept = keep.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The header line's column names in file order. */
  List<String> header() {
    List<String> out = new ArrayList<>(List.of("Date", "App Name", "App Apple Identifier"));
    for (int i : kept) {
      out.add(entry.kind().dimensions().get(i).name());
    }
    entry.kind().measures().forEach(m -> out.add(m.name()));
    return out;
  }

  /** Each data line (UTF-8, without its line break), batch by batch; {@code days} gives the model's day of this app. */
  void write(Function<LocalDate, AppDay> days, SegmentFiles.LineSink sink) {
    byte[] prefix = ("\t" + RowKey.clean(app.name()) + "\t" + RowKey.clean(app.appId())).getBytes(StandardCharsets.UTF_8);
    LineBuffer line = new LineBuffer();
    for (InstanceRecipe.Slice slice : recipe.slices()) {
      byte[] date = slice.date().toString().getBytes(StandardCharsets.US_ASCII);
      for (Map.Entry<RowKey, long[]> row : aggregate(slice, days).entrySet()) {
        long[] values = adjusted(slice, row.getKey(), row.getValue());
        if (values != null) {
          line.reset();
          line.put(date).put(prefix).put(row.getKey().cells());
          measures(line, values);
          sink.line(line.bytes(), line.length());
        }
      }
    }
  }

  /** The same lines as text, for reading them in tests. */
  void forEach(Function<LocalDate, AppDay> days, Consumer<String> line) {
    write(days, (bytes, length) -> line.accept(new String(bytes, 0, length, StandardCharsets.UTF_8)));
  }

  /** The slice's rows summed over its days, each day's complete rows computed once ({@link RowCache}). */
  private Map<RowKey, long[]> aggregate(InstanceRecipe.Slice slice, Function<LocalDate, AppDay> days) {
    if (slice.from().equals(slice.to())) {
      return day(slice.from(), days);
    }
    Map<RowKey, long[]> rows = new LinkedHashMap<>();
    for (LocalDate d = slice.from(); !d.isAfter(slice.to()); d = d.plusDays(1)) {
      day(d, days).forEach((key, values) -> {
        long[] sum = rows.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
          sum[i] += values[i];
        }
      });
    }
    return rows;
  }

  private Map<RowKey, long[]> day(LocalDate date, Function<LocalDate, AppDay> days) {
    if (cache == null || recipe.simulatedOn(date)) { // the cache holds the model's days alone
      return facts(days.apply(date));
    }
    return cache.get(app.appId() + "|" + app.fingerprint() + "|" + recipe.report() + "|" + date, () -> facts(days.apply(date)));
  }

  private Map<RowKey, long[]> facts(AppDay day) {
    Map<RowKey, long[]> rows = new LinkedHashMap<>();
    entry.kind().facts(day, (dimensions, measures) -> {
      long[] sum = rows.computeIfAbsent(new RowKey(dimensions, kept), k -> new long[measures.length]);
      for (int i = 0; i < measures.length; i++) {
        sum[i] += measures[i];
      }
    });
    return rows;
  }

  /** The row's values as this instance shows them, or null when it shows no such row. */
  private long[] adjusted(InstanceRecipe.Slice slice, RowKey key, long[] complete) {
    long[] values = new long[complete.length];
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      values[i] = complete[i] * slice.perMille() / InstanceRecipe.Slice.COMPLETE;
      any |= values[i] != 0;
    }
    if (recipe.privacy()) {
      if (values[entry.kind().usersMeasure()] < PRIVACY_THRESHOLD) {
        return null;
      }
      if (entry.level() == Level.DETAILED) {
        noise(slice.date(), key.hashCode(), values);
      }
    }
    return any ? values : null;
  }

  /** Deterministic noise per cell: the same row of the same Date moves the same way in every instance. */
  private void noise(LocalDate date, int key, long[] values) {
    List<ReportKind.Measure> measures = entry.kind().measures();
    for (int i = 0; i < values.length; i++) {
      if (!measures.get(i).money()) {
        long h = mix(app.appId().hashCode() * 31L + date.toEpochDay() * 1_000_003L + key * 7919L + i);
        double share = ((h >>> 11) * 0x1.0p-53 * 2 - 1) * NOISE;
        values[i] = Math.max(0, values[i] + Math.round(values[i] * share));
      }
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private void measures(LineBuffer line, long[] values) {
    List<ReportKind.Measure> measures = entry.kind().measures();
    for (int i = 0; i < values.length; i++) {
      line.put('\t');
      if (measures.get(i).money()) {
        line.putCents(values[i]);
      } else {
        line.putLong(values[i]);
      }
    }
  }
}
