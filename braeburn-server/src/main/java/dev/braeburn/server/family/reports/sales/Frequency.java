package dev.braeburn.server.family.reports.sales;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Pattern;

/**
 * {@code filter[frequency]}: how a Sales and Trends period is named in {@code filter[reportDate]}
 * and when its report is published (reports-webhooks.md §2.1): a day the next day, a week (Monday
 * to Sunday, named by its Sunday) on Monday, a month five days after it ends, a year six days
 * after it ends — each by 8 a.m. Pacific. Daily, weekly and monthly reports are kept one year,
 * yearly ones for good.
 */
enum Frequency {
  DAILY("D", 1, true),
  WEEKLY("W", 1, true),
  MONTHLY("M", 5, true),
  YEARLY("Y", 6, false);

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final String letter;
  private final int publishedDaysAfterEnd;
  private final boolean keptOneYear;

  Frequency(String letter, int publishedDaysAfterEnd, boolean keptOneYear) {
    this.letter = letter;
    this.publishedDaysAfterEnd = publishedDaysAfterEnd;
    this.keptOneYear = keptOneYear;
  }

  /** The letter of Apple's download file names: S_D_…, S_W_…, S_M_…, S_Y_… (§2.3). */
  String letter() {
    return letter;
  }

  /** The period {@code text} names, or null when it is not this frequency's format (a weekly date must be a Sunday). */
  ReportPeriod parse(String text) {
    try {
      return switch (this) {
        case DAILY -> DAY.matcher(text).matches() ? containing(LocalDate.parse(text)) : null;
        case WEEKLY -> {
          if (!DAY.matcher(text).matches()) {
            yield null;
          }
          LocalDate sunday = LocalDate.parse(text);
          yield sunday.getDayOfWeek() == DayOfWeek.SUNDAY ? containing(sunday) : null;
        }
        case MONTHLY -> MONTH.matcher(text).matches() ? containing(YearMonth.parse(text).atDay(1)) : null;
        case YEARLY -> YEAR.matcher(text).matches() ? containing(Year.parse(text).atDay(1)) : null;
      };
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The period of this frequency that contains {@code day}. */
  ReportPeriod containing(LocalDate day) {
    return switch (this) {
      case DAILY -> new ReportPeriod(this, day, day);
      case WEEKLY -> {
        LocalDate sunday = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        yield new ReportPeriod(this, sunday.minusDays(6), sunday);
      }
      case MONTHLY -> new ReportPeriod(this, day.withDayOfMonth(1), YearMonth.from(day).atEndOfMonth());
      case YEARLY -> new ReportPeriod(this, day.withDayOfYear(1), Year.from(day).atDay(Year.from(day).length()));
    };
  }

  /** The Pacific day on which the report of {@code period} is published (at 8 a.m.). */
  LocalDate publishedOn(ReportPeriod period) {
    return period.last().plusDays(publishedDaysAfterEnd);
  }

  /** The last Pacific day on which the report of {@code period} can still be downloaded; null when kept for good. */
  LocalDate keptUntil(ReportPeriod period) {
    return keptOneYear ? publishedOn(period).plusYears(1) : null;
  }

  /** How the period appears in file names: yyyyMMdd for days and weeks, yyyyMM, yyyy. */
  String fileDate(ReportPeriod period) {
    return switch (this) {
      case DAILY, WEEKLY -> period.last().format(DateTimeFormatter.BASIC_ISO_DATE);
      case MONTHLY -> period.first().format(DateTimeFormatter.ofPattern("yyyyMM"));
      case YEARLY -> period.first().format(DateTimeFormatter.ofPattern("yyyy"));
    };
  }
}
