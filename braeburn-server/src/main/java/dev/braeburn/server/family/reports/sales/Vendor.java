package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.PreOrderRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A team as sales and finance files see it: its vendor number, the developer name its files
 * carry, and its apps (store order) with the App Store category each is listed under.
 */
record Vendor(String number, String developer, List<Vendor.App> apps) {
  /** Days computed at once: enough to keep every core busy, few enough to keep memory flat over a year. */
  private static final int BATCH = 31;

  record App(ModelApp model, String category) {}

  /** A day of an app: in the server the usage model's {@code day}, in unit tests hand-made. */
  @FunctionalInterface
  interface Days {
    AppDay day(ModelApp app, LocalDate date);
  }

  /** An app's pre-orders on a day: in the server the usage model's {@code preOrders}, in unit tests hand-made. */
  @FunctionalInterface
  interface PreOrders {
    List<PreOrderRow> on(ModelApp app, LocalDate date);
  }

  @FunctionalInterface
  interface DaySink {
    void accept(LocalDate date, App app, AppDay day);
  }

  /**
   * Every app's day for each of {@code dates}, handed to {@code sink} in date order, then app
   * order. The model's days are pure functions of app and date, so they are computed in
   * parallel; the sink sees them in order, so files stay deterministic.
   */
  void eachDay(List<LocalDate> dates, Days days, DaySink sink) {
    for (int from = 0; from < dates.size(); from += BATCH) {
      List<LocalDate> batch = dates.subList(from, Math.min(dates.size(), from + BATCH));
      List<List<AppDay>> computed = batch.parallelStream()
          .map(date -> apps.stream().map(app -> days.day(app.model(), date)).toList())
          .toList();
      for (int d = 0; d < batch.size(); d++) {
        for (int a = 0; a < apps.size(); a++) {
          sink.accept(batch.get(d), apps.get(a), computed.get(d).get(a));
        }
      }
    }
  }
}
