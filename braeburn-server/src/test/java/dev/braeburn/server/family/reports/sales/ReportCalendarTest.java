package dev.braeburn.server.family.reports.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Report dates, publication and retention on the Pacific calendar, and Apple's fiscal months. */
class ReportCalendarTest {
  private static Instant pacific(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PacificTime.ZONE).toInstant();
  }

  @Test
  void reportDatesAreParsedPerFrequency() {
    assertThat(Frequency.DAILY.parse("2026-03-05")).isEqualTo(new ReportPeriod(Frequency.DAILY, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5)));
    assertThat(Frequency.DAILY.parse("2026-3-5")).isNull();
    assertThat(Frequency.DAILY.parse("2026-02-30")).isNull();
    assertThat(Frequency.DAILY.parse("2026-03")).isNull();
    // a week is Monday to Sunday and is named by its Sunday
    assertThat(Frequency.WEEKLY.parse("2026-03-08")).isEqualTo(new ReportPeriod(Frequency.WEEKLY, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8)));
    assertThat(Frequency.WEEKLY.parse("2026-03-07")).isNull();
    assertThat(Frequency.MONTHLY.parse("2024-02")).isEqualTo(new ReportPeriod(Frequency.MONTHLY, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
    assertThat(Frequency.MONTHLY.parse("2024-13")).isNull();
    assertThat(Frequency.MONTHLY.parse("2024-02-01")).isNull();
    assertThat(Frequency.YEARLY.parse("2025")).isEqualTo(new ReportPeriod(Frequency.YEARLY, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
    assertThat(Frequency.YEARLY.parse("25")).isNull();
  }

  @Test
  void reportsArePublishedAtEightPacificAfterTheirPeriod() {
    ReportPeriod day = Frequency.DAILY.parse("2026-03-05");
    assertThat(Publication.publishedAt(day)).isEqualTo(pacific("2026-03-06T08:00"));
    assertThat(Publication.published(day, pacific("2026-03-06T07:59:59"))).isFalse();
    assertThat(Publication.published(day, pacific("2026-03-06T08:00"))).isTrue();
    assertThat(Publication.publishedAt(Frequency.WEEKLY.parse("2026-03-08"))).isEqualTo(pacific("2026-03-09T08:00"));
    assertThat(Publication.publishedAt(Frequency.MONTHLY.parse("2026-02"))).isEqualTo(pacific("2026-03-05T08:00"));
    assertThat(Publication.publishedAt(Frequency.YEARLY.parse("2025"))).isEqualTo(pacific("2026-01-06T08:00"));
  }

  @Test
  void anOmittedDateIsTheLatestPublishedPeriod() {
    assertThat(Publication.latest(Frequency.DAILY, pacific("2026-03-06T07:00")).first()).isEqualTo(LocalDate.of(2026, 3, 4));
    assertThat(Publication.latest(Frequency.DAILY, pacific("2026-03-06T09:00")).first()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(Publication.latest(Frequency.WEEKLY, pacific("2026-03-09T09:00")).last()).isEqualTo(LocalDate.of(2026, 3, 8));
    assertThat(Publication.latest(Frequency.WEEKLY, pacific("2026-03-09T07:00")).last()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(Publication.latest(Frequency.MONTHLY, pacific("2026-03-04T12:00")).first()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(Publication.latest(Frequency.YEARLY, pacific("2026-01-06T08:00")).first()).isEqualTo(LocalDate.of(2025, 1, 1));
  }

  @Test
  void dailyWeeklyAndMonthlyReportsAreKeptOneYearYearlyForGood() {
    ReportPeriod day = Frequency.DAILY.parse("2025-03-05");
    assertThat(Publication.gone(day, pacific("2026-03-06T23:00"))).isFalse();
    assertThat(Publication.gone(day, pacific("2026-03-07T00:00"))).isTrue();
    assertThat(Publication.gone(Frequency.MONTHLY.parse("2025-01"), pacific("2026-02-06T00:00"))).isTrue();
    assertThat(Publication.gone(Frequency.YEARLY.parse("2001"), pacific("2026-02-06T00:00"))).isFalse();
  }

  @Test
  void fiscalMonthsFollowApplesPublishedCalendar() {
    // FY2025 (Sep 29, 2024 – Sep 27, 2025), FY2024 (Oct 1, 2023 – Sep 28, 2024): 5-4-4 weeks a quarter
    assertMonth("2024-10", "2024-09-29", "2024-11-02");
    assertMonth("2023-10", "2023-10-01", "2023-11-04");
    assertMonth("2023-11", "2023-11-05", "2023-12-02");
    assertMonth("2024-01", "2023-12-31", "2024-02-03");
    assertMonth("2024-09", "2024-09-01", "2024-09-28");
    // FY2023 has 53 weeks (Sep 25, 2022 – Sep 30, 2023): December takes the extra week
    assertMonth("2022-12", "2022-11-27", "2022-12-31");
    assertMonth("2023-01", "2023-01-01", "2023-02-04");
    assertMonth("2023-09", "2023-09-03", "2023-09-30");
    // FY2021 began Sep 27, 2020
    assertMonth("2020-10", "2020-09-27", "2020-10-31");
  }

  @Test
  void fiscalMonthsTileTheCalendarInWholeWeeks() {
    FiscalMonth previous = FiscalMonth.of(YearMonth.of(2015, 1));
    for (YearMonth m = YearMonth.of(2015, 2); m.isBefore(YearMonth.of(2040, 1)); m = m.plusMonths(1)) {
      FiscalMonth month = FiscalMonth.of(m);
      assertThat(month.first()).as(m.toString()).isEqualTo(previous.last().plusDays(1));
      assertThat(month.first().getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
      assertThat(month.days()).hasSizeBetween(28, 35);
      previous = month;
    }
  }

  @Test
  void aFiscalMonthIsPublishedTheFirstFridayAfterItEndsAndKeptTenYears() {
    FiscalMonth october = FiscalMonth.of(YearMonth.of(2024, 10));
    assertThat(october.publishedAt()).isEqualTo(pacific("2024-11-08T08:00"));
    assertThat(october.keptOn(LocalDate.of(2034, 11, 2))).isTrue();
    assertThat(october.keptOn(LocalDate.of(2034, 11, 3))).isFalse();
    assertThat(october.fileDate()).isEqualTo("1024");
  }

  private static void assertMonth(String name, String first, String last) {
    FiscalMonth month = FiscalMonth.of(YearMonth.parse(name));
    assertThat(month.first()).as(name).isEqualTo(LocalDate.parse(first));
    assertThat(month.last()).as(name).isEqualTo(LocalDate.parse(last));
  }
}
