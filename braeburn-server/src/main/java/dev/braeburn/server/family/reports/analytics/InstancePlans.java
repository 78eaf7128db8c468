package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.reports.analytics.InstanceRecipe.Slice;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Which instances one processing makes and what goes in them (reports-webhooks.md §1.6):
 *
 * <ul>
 *   <li>ONGOING, every day P: a DAILY instance with the Dates P−W … P−1 (W = the report's
 *       completeness window); a Date first appears partial and is delivered again each day until it
 *       is complete at age W — the newest processing date holds its final numbers. On Fridays a
 *       WEEKLY instance for the previous Monday–Sunday (Date = Monday), on the 5th a MONTHLY one for
 *       the previous month (Date = the 1st); both complete.
 *   <li>ONE_TIME_SNAPSHOT processed on S: the history from {@link #HISTORY_START} to S−1 in one
 *       batch per calendar month: a DAILY instance with the month's Dates (their completeness as of
 *       S), a WEEKLY instance with the weeks starting in the month that ended before S, and a MONTHLY
 *       instance for the month once it ended before S.
 * </ul>
 */
final class InstancePlans {
  /** Apple: "data is available beginning from January 1, 2024" (a Monday). */
  static final LocalDate HISTORY_START = LocalDate.of(2024, 1, 1);
  /** How long after its completeness window a late revision of a Date arrives (lateRevisions scenario). */
  static final int LATE_REVISION_DAYS = 3;
  /** Rows in one segment file; larger instances get several segments. */
  static final int ROWS_PER_SEGMENT = 200_000;
  /** The share of a Date's numbers a DAILY instance shows for each day it is short of complete. */
  private static final int MISSING_PER_DAY = 100;
  /** What a "complete" Date shows before its late revision (lateRevisions scenario). */
  private static final int BEFORE_LATE_REVISION = 970;

  /** What every recipe of one processing shares: the app's frozen model version and the privacy scenario. */
  record Basis(String appId, String fingerprint, boolean privacy, int rowsPerSegment) {
    InstanceRecipe recipe(ReportCatalogue.Entry entry, Granularity granularity, LocalDate processingDate, List<Slice> slices) {
      return new InstanceRecipe(appId, fingerprint, entry.number(), granularity, processingDate, List.copyOf(slices), privacy,
          rowsPerSegment);
    }
  }

  private InstancePlans() {}

  static List<InstanceRecipe> ongoing(ReportCatalogue.Entry entry, LocalDate p, Basis basis, Scenarios scenarios) {
    List<InstanceRecipe> out = new ArrayList<>();
    int window = entry.kind().completenessDays();
    List<Slice> daily = new ArrayList<>();
    if (scenarios.lateRevisions()) {
      daily.add(Slice.day(p.minusDays(window + LATE_REVISION_DAYS), Slice.COMPLETE));
    }
    for (int age = window; age >= 1; age--) {
      daily.add(Slice.day(p.minusDays(age), perMille(age, window, scenarios.lateRevisions())));
    }
    daily.removeIf(s -> s.date().equals(scenarios.skippedDate()) || s.date().isBefore(HISTORY_START));
    out.add(basis.recipe(entry, Granularity.DAILY, p, daily));
    if (entry.kind().hasWeeklyAndMonthly(entry.level())) {
      if (p.getDayOfWeek() == DayOfWeek.FRIDAY) {
        LocalDate monday = p.minusDays(11);
        out.add(basis.recipe(entry, Granularity.WEEKLY, p, List.of(new Slice(monday, monday, monday.plusDays(6), Slice.COMPLETE))));
      }
      if (p.getDayOfMonth() == 5) {
        YearMonth month = YearMonth.from(p).minusMonths(1);
        out.add(basis.recipe(entry, Granularity.MONTHLY, p, List.of(monthSlice(month))));
      }
    }
    return out;
  }

  /** The instances of one month of a snapshot processed on {@code s}; empty once the month is not before {@code s}. */
  static List<InstanceRecipe> snapshot(ReportCatalogue.Entry entry, LocalDate s, YearMonth month, Basis basis, Scenarios scenarios) {
    List<InstanceRecipe> out = new ArrayList<>();
    LocalDate last = s.minusDays(1);
    int window = entry.kind().completenessDays();
    List<Slice> daily = new ArrayList<>();
    for (LocalDate d = later(month.atDay(1), HISTORY_START); !d.isAfter(month.atEndOfMonth()) && !d.isAfter(last); d = d.plusDays(1)) {
      if (!d.equals(scenarios.skippedDate())) {
        daily.add(Slice.day(d, perMille((int) (s.toEpochDay() - d.toEpochDay()), window, false)));
      }
    }
    if (!daily.isEmpty()) {
      out.add(basis.recipe(entry, Granularity.DAILY, s, daily));
    }
    if (entry.kind().hasWeeklyAndMonthly(entry.level())) {
      List<Slice> weeks = new ArrayList<>();
      for (LocalDate monday = month.atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
          !monday.isAfter(month.atEndOfMonth()) && !monday.plusDays(6).isAfter(last); monday = monday.plusWeeks(1)) {
        if (!monday.isBefore(HISTORY_START)) {
          weeks.add(new Slice(monday, monday, monday.plusDays(6), Slice.COMPLETE));
        }
      }
      if (!weeks.isEmpty()) {
        out.add(basis.recipe(entry, Granularity.WEEKLY, s, weeks));
      }
      if (!month.atEndOfMonth().isAfter(last) && !month.atDay(1).isBefore(HISTORY_START)) {
        out.add(basis.recipe(entry, Granularity.MONTHLY, s, List.of(monthSlice(month))));
      }
    }
    return out;
  }

  /** How much of a Date's final numbers an instance shows {@code age} days after it (per mille). */
  static int perMille(int age, int window, boolean lateRevisions) {
    if (age >= window) {
      return lateRevisions && age == window ? BEFORE_LATE_REVISION : Slice.COMPLETE;
    }
    return Slice.COMPLETE - MISSING_PER_DAY * (window - age);
  }

  private static Slice monthSlice(YearMonth month) {
    return new Slice(month.atDay(1), month.atDay(1), month.atEndOfMonth(), Slice.COMPLETE);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
