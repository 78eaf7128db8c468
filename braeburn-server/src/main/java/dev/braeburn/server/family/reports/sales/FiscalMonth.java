package dev.braeburn.server.family.reports.sales;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A month of Apple's fiscal calendar, which finance reports are cut by (reports-webhooks.md §3).
 * Apple's fiscal year ends on the last Saturday of September, so it starts on a Sunday between
 * Sep 25 and Oct 1 and has 52 weeks, or 53 every five or six years (FY2023: Sep 25, 2022 – Sep 30,
 * 2023). Each quarter is 5 + 4 + 4 weeks (a 35-day month, then two 28-day ones);
 * a 53rd week lengthens the last month of the first quarter, December. Fiscal months are named by
 * the calendar month they mostly cover: fiscal October 2024 is Sep 29 – Nov 2, 2024.
 */
record FiscalMonth(YearMonth name, LocalDate first, LocalDate last) {

  static FiscalMonth of(YearMonth name) {
    int fiscalYear = name.getMonthValue() >= 10 ? name.getYear() + 1 : name.getYear();
    LocalDate start = yearEnd(fiscalYear - 1).plusDays(1);
    long weeksInYear = ChronoUnit.WEEKS.between(start, yearEnd(fiscalYear).plusDays(1));
    int index = (name.getMonthValue() + 2) % 12; // October is the fiscal year's first month
    LocalDate first = start;
    for (int month = 0; ; month++) {
      int weeks = (month % 3 == 0 ? 5 : 4) + (month == 2 && weeksInYear == 53 ? 1 : 0);
      LocalDate last = first.plusWeeks(weeks).minusDays(1);
      if (month == index) {
        return new FiscalMonth(name, first, last);
      }
      first = last.plusDays(1);
    }
  }

  /** The last day of fiscal year {@code year}: the last Saturday of September. */
  static LocalDate yearEnd(int year) {
    return LocalDate.of(year, 9, 30).with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
  }

  List<LocalDate> days() {
    return first.datesUntil(last.plusDays(1)).toList();
  }

  /** Apple publishes a fiscal month's reports by the first Friday after it ends (§3); Braeburn at 8 a.m. Pacific. */
  Instant publishedAt() {
    return PacificTime.publishedOn(last.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)));
  }

  /** Finance reports are kept ten years (§3). */
  boolean keptOn(LocalDate today) {
    return !today.isAfter(last.plusYears(10));
  }

  /** MMYY, as App Store Connect names financial report files. */
  String fileDate() {
    return name.format(DateTimeFormatter.ofPattern("MMyy"));
  }
}
