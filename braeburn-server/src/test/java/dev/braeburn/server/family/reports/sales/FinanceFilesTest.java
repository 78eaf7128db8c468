package dev.braeburn.server.family.reports.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Financial files agree with the daily sales files of the fiscal month's days. */
class FinanceFilesTest {
  static final FiscalMonth MARCH = FiscalMonth.of(YearMonth.of(2026, 3));

  /** Σ Units × Developer Proceeds and Σ Units of the earning SALES lines of {@code territories}, over the fiscal month. */
  static BigDecimal[] dailySales(java.util.function.Predicate<String> territories) throws Exception {
    BigDecimal proceeds = BigDecimal.ZERO;
    BigDecimal units = BigDecimal.ZERO;
    for (LocalDate day : MARCH.days()) {
      for (Map<String, String> r : SalesFilesTest.rows(new SalesSummaryFile().write(SalesFixtures.vendor(), Frequency.DAILY.containing(day),
          SalesFixtures.days()))) {
        BigDecimal perUnit = new BigDecimal(r.get("Developer Proceeds"));
        if (perUnit.signum() > 0 && territories.test(r.get("Country Code"))) {
          BigDecimal n = new BigDecimal(r.get("Units"));
          units = units.add(n);
          proceeds = proceeds.add(n.multiply(perUnit));
        }
      }
    }
    return new BigDecimal[] {units, proceeds};
  }

  @Test
  void aRegionsFileHoldsItsTerritoriesAndAgreesWithTheDailySales() throws Exception {
    TsvTable us = FinancialFile.write(SalesFixtures.vendor(), MARCH, "US", SalesFixtures.days());
    List<Map<String, String>> rows = SalesFilesTest.rows(us);
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("Country Of Sale", "US")
        .containsEntry("Partner Share Currency", "USD").containsEntry("Start Date", "03/01/2026").containsEntry("End Date", "03/28/2026"));
    BigDecimal units = rows.stream().map(r -> new BigDecimal(r.get("Quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal amount = rows.stream().map(r -> new BigDecimal(r.get("Extended Partner Share"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal[] daily = dailySales("US"::equals);
    assertThat(units).isEqualByComparingTo(daily[0]);
    assertThat(amount).isEqualByComparingTo(daily[1]);
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("Sales or Return", "R").satisfies(
        x -> assertThat(Long.parseLong(x.get("Quantity"))).isNegative()));
    assertThat(rows).allSatisfy(r -> assertThat(new BigDecimal(r.get("Partner Share"))).isPositive());

    String[] lines = us.text().split("\n");
    assertThat(lines[lines.length - 3]).isEqualTo("Total_Rows\t" + rows.size());
    assertThat(lines[lines.length - 2]).isEqualTo("Total_Amount\t" + amount.setScale(2));
    assertThat(lines[lines.length - 1]).isEqualTo("Total_Units\t" + units);
  }

  @Test
  void theEuroRegionPaysInEuros() throws Exception {
    List<Map<String, String>> eu = SalesFilesTest.rows(FinancialFile.write(SalesFixtures.vendor(), MARCH, "EU", SalesFixtures.days()));
    assertThat(eu).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("Country Of Sale", "DE").containsEntry("Partner Share Currency", "EUR"));
    BigDecimal amount = eu.stream().map(r -> new BigDecimal(r.get("Extended Partner Share"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(amount).isEqualByComparingTo(dailySales("DE"::equals)[1]);
    assertThat(FinancialFile.write(SalesFixtures.vendor(), MARCH, "GB", SalesFixtures.days()).isEmpty()).isTrue();
  }

  @Test
  void consolidatedAndDetailFilesHoldEveryRegion() throws Exception {
    TsvTable zz = FinancialFile.write(SalesFixtures.vendor(), MARCH, "ZZ", SalesFixtures.days());
    assertThat(zz.text()).doesNotContain("Total_");
    List<Map<String, String>> rows = SalesFilesTest.rows(zz);
    assertThat(rows).extracting(r -> r.get("Country Of Sale")).containsOnly("DE", "JP", "US");
    assertThat(rows.stream().map(r -> r.get("Partner Share Currency")).distinct()).containsExactly("EUR", "JPY", "USD"); // by region code

    TsvTable detail = FinanceDetailFile.write(SalesFixtures.vendor(), MARCH, SalesFixtures.days());
    assertThat(detail.columns()).hasSize(18).startsWith("Transaction Date", "Settlement Date").endsWith("Region");
    List<Map<String, String>> lines = SalesFilesTest.rows(detail);
    assertThat(lines).extracting(r -> r.get("Transaction Date")).contains("03/01/2026", "03/28/2026");
    long detailUnits = lines.stream().mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum();
    long zzUnits = rows.stream().mapToLong(r -> Long.parseLong(r.get("Quantity"))).sum();
    assertThat(detailUnits).isEqualTo(zzUnits);
  }
}
