package dev.braeburn.server.family.reports.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.PreOrderRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PRE_ORDER / SUMMARY file written from hand-made pre-order rows. */
class PreOrderFileTest {
  private static final LocalDate START = LocalDate.of(2026, 2, 20);
  private static final LocalDate LAUNCH = LocalDate.of(2026, 3, 10);
  private static final ModelApp APP = preOrdered(SalesFixtures.PAID);

  private static ModelApp preOrdered(ModelApp app) {
    var tuning = app.tuning();
    var moved = new dev.braeburn.server.family.reports.model.ModelTuning(tuning.seed(), LAUNCH, tuning.dailyDownloads(),
        tuning.territories(), tuning.priceUsd()).withPreOrderStart(START);
    return new ModelApp(app.appId(), app.name(), app.sku(), app.bundleId(), app.priceUsd(), app.products(), moved,
        app.fingerprint());
  }

  /** Day n of March: US iPhone n orders (running total n(n+1)/2), one cancel on even days; JP iPad from the 3rd. */
  private static List<PreOrderRow> rows(ModelApp app, LocalDate date) {
    if (!app.appId().equals(APP.appId()) || date.getMonthValue() != 3 || !date.isBefore(LAUNCH)) {
      return List.of();
    }
    int n = date.getDayOfMonth();
    long canceled = n % 2 == 0 ? 1 : 0;
    PreOrderRow us = new PreOrderRow("US", "iPhone", n, canceled, n * (n + 1L) / 2, n / 2);
    return n < 3 ? List.of(us) : List.of(us, new PreOrderRow("JP", "iPad", 2, 0, 2L * (n - 2), 0));
  }

  private static Vendor vendor() {
    return new Vendor("81234567", "Tidewater Labs",
        List.of(new Vendor.App(APP, "Weather"), new Vendor.App(SalesFixtures.FREE, "Finance")));
  }

  private static TsvTable write(ReportPeriod period) {
    return new PreOrderFile(PreOrderFileTest::rows).write(vendor(), period, SalesFixtures.days());
  }

  @Test
  void aDayHasAppleHeaderAndOneLinePerCountryAndDevice() throws Exception {
    ReportPeriod period = Frequency.DAILY.containing(LocalDate.of(2026, 3, 4));
    TsvTable table = write(period);
    assertThat(table.columns()).containsExactly("Provider", "Title", "Pre-Order Start Date", "Pre-Order End Date",
        "Ordered", "Canceled", "Cumulative Ordered", "Cumulative Canceled", "Start Date", "End Date", "Country Code",
        "Apple Identifier", "Category", "Device", "Supported Platforms", "Client", "Provider Country");
    List<Map<String, String>> rows = SalesFilesTest.rows(table);
    assertThat(rows).hasSize(2);
    Map<String, String> us = rows.getFirst();
    assertThat(us).containsEntry("Provider", "APPLE").containsEntry("Title", APP.name())
        .containsEntry("Pre-Order Start Date", "02/20/2026").containsEntry("Pre-Order End Date", "03/10/2026")
        .containsEntry("Ordered", "4").containsEntry("Canceled", "1").containsEntry("Cumulative Ordered", "10")
        .containsEntry("Cumulative Canceled", "2").containsEntry("Start Date", "03/04/2026")
        .containsEntry("End Date", "03/04/2026").containsEntry("Country Code", "US")
        .containsEntry("Apple Identifier", APP.appId()).containsEntry("Category", "Weather")
        .containsEntry("Device", "iPhone").containsEntry("Supported Platforms", "iOS").containsEntry("Client", "")
        .containsEntry("Provider Country", "US");
    assertThat(rows.get(1)).containsEntry("Country Code", "JP").containsEntry("Device", "iPad")
        .containsEntry("Ordered", "2").containsEntry("Cumulative Ordered", "4");
  }

  @Test
  void aWeekSumsItsDaysAndKeepsTheLastRunningTotals() throws Exception {
    ReportPeriod week = Frequency.WEEKLY.containing(LocalDate.of(2026, 3, 4)); // Mon 03/02 … Sun 03/08
    List<Map<String, String>> rows = SalesFilesTest.rows(write(week));
    Map<String, String> us = rows.getFirst();
    assertThat(us).containsEntry("Ordered", Long.toString(2 + 3 + 4 + 5 + 6 + 7 + 8)).containsEntry("Canceled", "4")
        .containsEntry("Cumulative Ordered", "36").containsEntry("Cumulative Canceled", "4")
        .containsEntry("Start Date", week.first().format(TsvTable.US_DATE))
        .containsEntry("End Date", week.last().format(TsvTable.US_DATE));
    assertThat(rows.get(1)).containsEntry("Ordered", Long.toString(2 * 6)).containsEntry("Cumulative Ordered", "12");
  }

  @Test
  void aPeriodWithoutPreOrdersIsEmptyAndTheNameFollowsTheUi() {
    assertThat(write(Frequency.DAILY.containing(LAUNCH)).isEmpty()).isTrue();
    assertThat(write(Frequency.MONTHLY.containing(LocalDate.of(2026, 2, 25))).isEmpty()).isTrue();
    assertThat(new PreOrderFile(PreOrderFileTest::rows).fileName(vendor(), Frequency.DAILY.containing(LocalDate.of(2026, 3, 4))))
        .isEqualTo("P_S_D_81234567_20260304.txt.gz");
  }
}
