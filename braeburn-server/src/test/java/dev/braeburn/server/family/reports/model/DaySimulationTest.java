package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DaySimulationTest {
  private static final LocalDate DAY = LocalDate.of(2026, 9, 1);

  @Test
  void sameAppAndDateGiveEqualRowsInEqualOrder() {
    AppDay a = DaySimulation.day(ModelApps.established(300), DAY);
    AppDay b = DaySimulation.day(ModelApps.established(300), DAY);
    assertThat(describe(a)).isEqualTo(describe(b));
    assertThat(a.purchases()).isEqualTo(b.purchases());
    assertThat(a.subscriptionStates()).isEqualTo(b.subscriptionStates());
    assertThat(a.subscriptionEvents()).isEqualTo(b.subscriptionEvents());
  }

  @Test
  void anotherSeedGivesOtherNumbers() {
    ModelApp other = ModelApps.app(ModelApps.tuning(8, LocalDate.of(2023, 3, 1), 300, Tunings.TERRITORIES));
    assertThat(describe(DaySimulation.day(other, DAY))).isNotEqualTo(describe(DaySimulation.day(ModelApps.established(300), DAY)));
  }

  @Test
  void aDayDoesNotDependOnWhichDaysWereComputedBefore() {
    ModelApp app = ModelApps.established(300);
    String fresh = describe(DaySimulation.day(app, DAY));
    for (int i = 1; i < 5; i++) {
      DaySimulation.day(app, DAY.minusDays(i));
    }
    assertThat(describe(DaySimulation.day(app, DAY))).isEqualTo(fresh);
  }

  @Test
  void rowsSumExactlyToTheDayTotals() {
    ModelApp app = ModelApps.established(5000);
    Demand demand = new Demand(app);
    Map<Measure, Long> totals = UsageDay.totals(app, demand, DAY);
    AppDay day = DaySimulation.day(app, DAY);
    totals.forEach((measure, total) -> assertThat(day.total(measure)).as(measure.name()).isEqualTo(total));
    assertThat(day.total(Measure.FIRST_TIME_DOWNLOADS)).isEqualTo(demand.firstTimeDownloads(DAY));
  }

  @Test
  void weekendsDifferFromWeekdays() {
    ModelApp app = ModelApps.established(5000);
    double weekend = 0;
    double weekday = 0;
    int weekends = 0;
    for (int i = 0; i < 56; i++) {
      LocalDate d = DAY.plusDays(i);
      long downloads = DaySimulation.day(app, d).total(Measure.FIRST_TIME_DOWNLOADS);
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        weekend += downloads;
        weekends++;
      } else {
        weekday += downloads;
      }
    }
    double ratio = (weekend / weekends) / (weekday / (56 - weekends));
    assertThat(ratio).isBetween(1.15, 1.35); // default weekendFactor 1.25, Sunday a little lower
  }

  @Test
  void nothingHappensBeforeLaunchAndTheLaunchSpikes() {
    LocalDate launch = LocalDate.of(2026, 5, 4);
    ModelApp app = ModelApps.app(ModelApps.tuning(3, launch, 1000, Tunings.TERRITORIES));
    AppDay before = DaySimulation.day(app, launch.minusDays(1));
    assertThat(before.usage()).isEmpty();
    assertThat(before.purchases()).isEmpty();
    assertThat(before.subscriptionStates()).isEmpty();
    long launchWeek = 0;
    long monthLater = 0;
    for (int i = 0; i < 7; i++) {
      launchWeek += DaySimulation.day(app, launch.plusDays(i)).total(Measure.FIRST_TIME_DOWNLOADS);
      monthLater += DaySimulation.day(app, launch.plusDays(35 + i)).total(Measure.FIRST_TIME_DOWNLOADS);
    }
    assertThat(launchWeek).isGreaterThan(2 * monthLater);
  }

  @Test
  void rowsStayWithinApplesFileSizes() {
    assertThat(DaySimulation.day(ModelApps.established(300), DAY).usage()).hasSizeBetween(50, 400);
    assertThat(DaySimulation.day(ModelApps.established(5000), DAY).usage()).hasSizeLessThanOrEqualTo(2000);
    assertThat(DaySimulation.day(ModelApps.established(10_000_000), DAY).usage()).hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  void onlyTunedTerritoriesAppear() {
    ModelApp app = ModelApps.app(ModelApps.tuning(5, LocalDate.of(2023, 1, 1), 5000, Map.of("US", 0.5, "DE", 0.3, "JP", 0.2)));
    AppDay day = DaySimulation.day(app, DAY);
    Set<String> territories = day.usage().stream().map(r -> r.audience().territory()).collect(Collectors.toSet());
    territories.addAll(day.purchases().stream().map(p -> p.audience().territory()).toList());
    assertThat(territories).containsExactlyInAnyOrder("US", "DE", "JP");
    long us = day.usage().stream().filter(r -> r.audience().territory().equals("US")).mapToLong(r -> r.get(Measure.FIRST_TIME_DOWNLOADS)).sum();
    assertThat((double) us / day.total(Measure.FIRST_TIME_DOWNLOADS)).isBetween(0.4, 0.6);
  }

  @Test
  void downloadsGoToTheNewestVersionAndUsageSpreadsOverOlderOnes() {
    AppDay day = DaySimulation.day(ModelApps.established(5000), DAY);
    Set<String> downloaded = day.usage().stream().filter(r -> r.get(Measure.FIRST_TIME_DOWNLOADS) > 0)
        .map(r -> r.audience().appVersion()).collect(Collectors.toSet());
    Set<String> used = day.usage().stream().filter(r -> r.get(Measure.SESSIONS) > 0).map(r -> r.audience().appVersion())
        .collect(Collectors.toSet());
    assertThat(downloaded).hasSize(1);
    assertThat(used).hasSizeBetween(2, 3).containsAll(downloaded);
  }

  @Test
  void countsAreNeverNegativeAndUniqueCountsNeverExceedCounts() {
    for (UsageRow row : DaySimulation.day(ModelApps.established(300), DAY).usage()) {
      assertThat(Arrays.stream(row.counts()).allMatch(c -> c >= 0)).isTrue();
      assertThat(row.get(Measure.IMPRESSIONS_UNIQUE)).isLessThanOrEqualTo(row.get(Measure.IMPRESSIONS));
      assertThat(row.get(Measure.PAGE_VIEWS_UNIQUE)).isLessThanOrEqualTo(row.get(Measure.PAGE_VIEWS));
      assertThat(row.get(Measure.CRASH_DEVICES)).isLessThanOrEqualTo(row.get(Measure.CRASHES));
    }
  }

  @Test
  void subscriptionSalesMatchTheirEvents() {
    AppDay day = DaySimulation.day(ModelApps.established(5000), DAY);
    long started = events(day, "Subscribe") + events(day, "Paid Subscription from Introductory Offer");
    long renewed = events(day, "Renew") + events(day, "Renewal from Billing Retry");
    assertThat(units(day, "New")).isEqualTo(started).isPositive();
    assertThat(units(day, "Renewal")).isEqualTo(renewed).isPositive();
    long refunded = day.purchases().stream().filter(p -> !p.subscription().isEmpty()).mapToLong(PurchaseRow::refunds).sum();
    assertThat(events(day, "Refund")).isEqualTo(refunded);
    long active = day.subscriptionStates().stream().mapToLong(SubscriptionStateRow::activeStandard).sum();
    assertThat(active).isGreaterThan(renewed * 10); // a month's renewals and more are active at once
  }

  @Test
  void purchasesRefundLessThanTheySell() {
    AppDay day = DaySimulation.day(ModelApps.established(5000), DAY);
    assertThat(day.purchases()).isNotEmpty().allMatch(p -> p.refunds() <= p.units() && p.units() > 0);
    long units = DayTotals.purchases(day);
    assertThat((double) DayTotals.refunds(day) / units).isBetween(0.0, 0.04);
  }

  private static long events(AppDay day, String event) {
    return day.subscriptionEvents().stream().filter(e -> e.event().equals(event)).mapToLong(SubscriptionEventRow::quantity).sum();
  }

  private static long units(AppDay day, String subscription) {
    return day.purchases().stream().filter(p -> p.subscription().equals(subscription)).mapToLong(PurchaseRow::units).sum();
  }

  /** Usage rows as text: {@link UsageRow} holds an array, whose equals is identity. */
  static String describe(AppDay day) {
    List<String> rows = day.usage().stream().map(r -> r.audience() + Arrays.toString(r.counts())).toList();
    return String.join("\n", rows);
  }
}
