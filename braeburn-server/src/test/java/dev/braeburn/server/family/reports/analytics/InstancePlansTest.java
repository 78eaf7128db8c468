package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.analytics.InstanceRecipe.Slice;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstancePlansTest {
  static final InstancePlans.Basis BASIS = new InstancePlans.Basis("1", "fp", false, 100);
  static final ReportCatalogue.Entry INSTALLS = ReportCatalogue.byNumber(6).orElseThrow();
  static final ReportCatalogue.Entry DOWNLOADS_STANDARD = ReportCatalogue.byNumber(3).orElseThrow();
  static final ReportCatalogue.Entry DOWNLOADS_DETAILED = ReportCatalogue.byNumber(4).orElseThrow();

  @Test
  void aDailyInstanceRedeliversEachDateUntilItsWindowCloses() {
    LocalDate p = LocalDate.of(2026, 11, 24); // a Tuesday
    List<InstanceRecipe> plans = InstancePlans.ongoing(INSTALLS, p, BASIS, Scenarios.NONE);
    assertThat(plans).singleElement().satisfies(r -> {
      assertThat(r.granularity()).isEqualTo(Granularity.DAILY);
      assertThat(r.slices()).extracting(Slice::date).containsExactly(
          p.minusDays(5), p.minusDays(4), p.minusDays(3), p.minusDays(2), p.minusDays(1));
      assertThat(r.slices()).extracting(Slice::perMille).containsExactly(1000, 900, 800, 700, 600);
    });
    // the doc's worked example: a two-day window carries yesterday partial and the day before complete
    assertThat(InstancePlans.ongoing(DOWNLOADS_STANDARD, p, BASIS, Scenarios.NONE).getFirst().slices())
        .extracting(Slice::date, Slice::perMille).containsExactly(
            org.assertj.core.groups.Tuple.tuple(p.minusDays(2), 1000), org.assertj.core.groups.Tuple.tuple(p.minusDays(1), 900));
  }

  @Test
  void fridaysAddTheWeekAndTheFifthAddsTheMonth() {
    LocalDate friday = LocalDate.of(2026, 11, 27);
    assertThat(InstancePlans.ongoing(INSTALLS, friday, BASIS, Scenarios.NONE)).extracting(InstanceRecipe::granularity)
        .containsExactly(Granularity.DAILY, Granularity.WEEKLY);
    Slice week = InstancePlans.ongoing(INSTALLS, friday, BASIS, Scenarios.NONE).get(1).slices().getFirst();
    assertThat(week).isEqualTo(new Slice(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22), 1000));
    Slice month = InstancePlans.ongoing(INSTALLS, LocalDate.of(2026, 12, 5), BASIS, Scenarios.NONE).get(1).slices().getFirst();
    assertThat(month).isEqualTo(new Slice(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), 1000));
    // App Downloads: weekly and monthly for the Detailed report only
    assertThat(InstancePlans.ongoing(DOWNLOADS_STANDARD, friday, BASIS, Scenarios.NONE)).hasSize(1);
    assertThat(InstancePlans.ongoing(DOWNLOADS_DETAILED, friday, BASIS, Scenarios.NONE)).hasSize(2);
  }

  @Test
  void scenariosSkipADateAndReviseLate() {
    LocalDate p = LocalDate.of(2026, 11, 24);
    Scenarios skip = new Scenarios(false, p.minusDays(3), false, false, false, 90, false);
    assertThat(InstancePlans.ongoing(INSTALLS, p, BASIS, skip).getFirst().slices()).extracting(Slice::date).doesNotContain(p.minusDays(3));
    Scenarios late = new Scenarios(false, null, false, true, false, 90, false);
    assertThat(InstancePlans.ongoing(INSTALLS, p, BASIS, late).getFirst().slices()).extracting(Slice::date, Slice::perMille)
        .startsWith(org.assertj.core.groups.Tuple.tuple(p.minusDays(8), 1000), org.assertj.core.groups.Tuple.tuple(p.minusDays(5), 970));
  }

  @Test
  void aSnapshotCoversEveryDayFromJanuary2024InMonthlyBatches() {
    LocalDate s = LocalDate.of(2024, 3, 20);
    List<LocalDate> dates = new java.util.ArrayList<>();
    int weeks = 0;
    int months = 0;
    for (YearMonth m = YearMonth.of(2024, 1); !m.isAfter(YearMonth.from(s)); m = m.plusMonths(1)) {
      for (InstanceRecipe r : InstancePlans.snapshot(INSTALLS, s, m, BASIS, Scenarios.NONE)) {
        assertThat(r.processingDate()).isEqualTo(s);
        switch (r.granularity()) {
          case DAILY -> r.slices().forEach(slice -> dates.add(slice.date()));
          case WEEKLY -> weeks += r.slices().size();
          case MONTHLY -> months++;
        }
      }
    }
    assertThat(dates).first().isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(dates).last().isEqualTo(s.minusDays(1));
    assertThat(dates).hasSize((int) (s.toEpochDay() - LocalDate.of(2024, 1, 1).toEpochDay())).doesNotHaveDuplicates();
    assertThat(weeks).isEqualTo(11); // Mondays Jan 1 … Mar 11; the week of Mar 18 has not ended
    assertThat(months).isEqualTo(2);
  }

  @Test
  void firstProcessingIsOneToTwoDaysAfterTheRequest() {
    java.time.Instant created = java.time.Instant.parse("2026-11-24T22:02:51Z"); // 14:02 Pacific
    java.time.Instant first = ProcessingDays.first(created, ProcessingDays.FIRST_DELAY);
    assertThat(java.time.Duration.between(created, first)).isBetween(java.time.Duration.ofHours(24), java.time.Duration.ofHours(48));
    assertThat(ProcessingDays.dateOf(first)).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(first.atZone(AnalyticsTypes.PACIFIC).getHour()).isEqualTo(ProcessingDays.HOUR);
  }
}
