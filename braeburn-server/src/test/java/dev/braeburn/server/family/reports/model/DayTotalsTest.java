package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DayTotalsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 9, 1);

  @Test
  void installationsAndSalesUnitsAreSumsOfRows() {
    AppDay day = DaySimulation.day(ModelApps.established(300), DAY);
    long installs = 0;
    long units = 0;
    for (UsageRow r : day.usage()) {
      installs += r.get(Measure.FIRST_TIME_DOWNLOADS) + r.get(Measure.REDOWNLOADS) + r.get(Measure.MANUAL_UPDATES) + r.get(Measure.RESTORES);
      units += r.get(Measure.FIRST_TIME_DOWNLOADS) + r.get(Measure.REDOWNLOADS) + r.get(Measure.MANUAL_UPDATES) + r.get(Measure.AUTO_UPDATES);
    }
    for (PurchaseRow p : day.purchases()) {
      units += p.units() - p.refunds();
    }
    assertThat(DayTotals.installations(day)).isEqualTo(installs).isPositive();
    assertThat(DayTotals.salesUnits(day)).isEqualTo(units);
  }

  @Test
  void moneyIsPurchaseRowsPlusPaidDownloads() {
    AppDay free = DaySimulation.day(ModelApps.established(300), DAY);
    BigDecimal purchases = free.purchases().stream().map(PurchaseRow::salesUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(DayTotals.salesUsd(free)).isEqualByComparingTo(purchases).isPositive();
    assertThat(DayTotals.proceedsUsd(free)).isLessThan(DayTotals.salesUsd(free));

    ModelTuning paid = ModelApps.withPrice(ModelApps.established(300).tuning(), "2.99");
    AppDay paidDay = DaySimulation.day(ModelApps.app(paid), DAY);
    BigDecimal downloads = DayTotals.salesUsd(paidDay).subtract(
        paidDay.purchases().stream().map(PurchaseRow::salesUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    double perDownload = downloads.doubleValue() / paidDay.total(Measure.FIRST_TIME_DOWNLOADS);
    assertThat(perDownload).isBetween(2.5, 3.5);
  }
}
