package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Hand-made model days for the file writers' tests: no usage model involved. */
final class Days {
  static final ModelApp APP = new ModelApp("1600000001", "Tideline: Tides & Surf", "TIDE", "com.example.tide", BigDecimal.ZERO,
      List.of(), null, "fp1");

  private Days() {}

  static Audience audience(String territory, String sourceInfo) {
    return new Audience(territory, "iPhone", "iOS 26.1", "2.3", "Web referrer", sourceInfo, "", "Product page", "");
  }

  static UsageRow row(Audience audience, Measure measure, long value) {
    long[] counts = new long[Measure.values().length];
    counts[measure.ordinal()] = value;
    return new UsageRow(audience, counts);
  }

  static UsageRow row(Audience audience, long[] counts) {
    return new UsageRow(audience, counts);
  }

  /** Counts where each measure's value is {@code base} times (its ordinal + 1): every measure distinct. */
  static long[] counts(long base) {
    long[] counts = new long[Measure.values().length];
    for (Measure m : Measure.values()) {
      counts[m.ordinal()] = base * (m.ordinal() + 1);
    }
    return counts;
  }

  static AppDay day(LocalDate date, UsageRow... rows) {
    return new AppDay(APP, date, List.of(rows), List.of(), List.of(), List.of());
  }

  /** First-time downloads of the one row under the privacy threshold. */
  static final long SMALL = 3;

  /**
   * Every date: two referrers in the US with different Source Info, one row in Germany (counts
   * grow by day) and {@value #SMALL} first-time downloads in France.
   */
  static Function<LocalDate, AppDay> everyDay() {
    return date -> {
      long base = date.getDayOfMonth();
      List<UsageRow> rows = new ArrayList<>();
      rows.add(row(audience("US", "example.com"), counts(base)));
      rows.add(row(audience("US", "news.example"), counts(base + 1)));
      rows.add(row(audience("DE", "example.com"), counts(2)));
      rows.add(row(audience("FR", ""), Measure.FIRST_TIME_DOWNLOADS, SMALL));
      return new AppDay(APP, date, rows, List.of(), List.of(), List.of());
    };
  }
}
