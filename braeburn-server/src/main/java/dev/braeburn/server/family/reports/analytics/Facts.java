package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.Audience;
import dev.braeburn.server.family.reports.model.Measure;
import dev.braeburn.server.family.commerce.pricing.Pricing;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.reports.model.UsageRow;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How each report reads a day of the usage model. Dimension values are the glossary wording of
 * reports-webhooks.md §1.5 ("First-time download", "Page view" …); the Detailed-only dimensions
 * are passed too and dropped for Standard files by the aggregation. Counts come straight from the
 * model, so a report's totals equal the metrics summary's ({@code DayTotals}).
 */
final class Facts {
  /** Empty cells: App Download Date (the model keeps no install dates) and Pre-Order (no pre-orders). */
  private static final String NONE = "";

  private Facts() {}

  static void installationAndDeletion(AppDay day, FactSink sink) {
    for (UsageRow row : day.usage()) {
      Audience a = row.audience();
      install(sink, a, "Install", "First-time download", row.get(Measure.FIRST_TIME_DOWNLOADS));
      install(sink, a, "Install", "Redownload", row.get(Measure.REDOWNLOADS));
      install(sink, a, "Install", "Manual update", row.get(Measure.MANUAL_UPDATES));
      install(sink, a, "Install", "Restore", row.get(Measure.RESTORES));
      install(sink, a, "Delete", NONE, row.get(Measure.DELETIONS));
    }
  }

  private static void install(FactSink sink, Audience a, String event, String downloadType, long count) {
    if (count != 0) {
      // every installation or deletion is one device's
      sink.add(new String[] {event, downloadType, a.appVersion(), a.device(), a.platformVersion(), a.sourceType(),
          a.sourceInfo(), a.campaign(), a.pageType(), a.pageTitle(), NONE, a.territory()}, new long[] {count, count});
    }
  }

  static void sessions(AppDay day, FactSink sink) {
    for (UsageRow row : day.usage()) {
      long sessions = row.get(Measure.SESSIONS);
      if (sessions != 0) {
        Audience a = row.audience();
        sink.add(new String[] {a.appVersion(), a.device(), a.platformVersion(), a.sourceType(), a.sourceInfo(), a.campaign(),
            a.pageType(), a.pageTitle(), NONE, a.territory()},
            new long[] {sessions, row.get(Measure.SESSION_SECONDS), row.get(Measure.ACTIVE_DEVICES)});
      }
    }
  }

  static void discoveryAndEngagement(AppDay day, FactSink sink) {
    for (UsageRow row : day.usage()) {
      Audience a = row.audience();
      engagement(sink, a, "Impression", NONE, row.get(Measure.IMPRESSIONS), row.get(Measure.IMPRESSIONS_UNIQUE));
      engagement(sink, a, "Page view", NONE, row.get(Measure.PAGE_VIEWS), row.get(Measure.PAGE_VIEWS_UNIQUE));
      engagement(sink, a, "Tap", "Get", row.get(Measure.TAPS_GET), row.get(Measure.TAPS_GET));
      engagement(sink, a, "Tap", "Redownload", row.get(Measure.TAPS_REDOWNLOAD), row.get(Measure.TAPS_REDOWNLOAD));
      engagement(sink, a, "Tap", "Update", row.get(Measure.TAPS_UPDATE), row.get(Measure.TAPS_UPDATE));
      engagement(sink, a, "Tap", "Open", row.get(Measure.TAPS_OPEN), row.get(Measure.TAPS_OPEN));
    }
  }

  private static void engagement(FactSink sink, Audience a, String event, String engagementType, long count, long unique) {
    if (count != 0) {
      sink.add(new String[] {event, a.pageType(), a.pageTitle(), a.sourceType(), a.sourceInfo(), a.campaign(), engagementType,
          a.device(), a.platformVersion(), a.territory()}, new long[] {count, unique});
    }
  }

  static void downloads(AppDay day, FactSink sink) {
    for (UsageRow row : day.usage()) {
      Audience a = row.audience();
      download(sink, a, "First-time download", row.get(Measure.FIRST_TIME_DOWNLOADS));
      download(sink, a, "Redownload", row.get(Measure.REDOWNLOADS));
      download(sink, a, "Manual update", row.get(Measure.MANUAL_UPDATES));
      download(sink, a, "Auto-update", row.get(Measure.AUTO_UPDATES));
      download(sink, a, "Restore", row.get(Measure.RESTORES));
    }
  }

  private static void download(FactSink sink, Audience a, String downloadType, long count) {
    if (count != 0) {
      sink.add(new String[] {downloadType, a.appVersion(), a.device(), a.platformVersion(), a.sourceType(), a.sourceInfo(),
          a.campaign(), a.pageType(), a.pageTitle(), NONE, a.territory()}, new long[] {count});
    }
  }

  /**
   * A paid app's first-time downloads are its "App purchase" rows, priced as the sales reports price
   * them ({@link Pricing}); in-app purchases are one row per model row, units net of refunds.
   */
  static void purchases(AppDay day, FactSink sink) {
    if (day.app().paid()) {
      for (UsageRow row : day.usage()) {
        long units = row.get(Measure.FIRST_TIME_DOWNLOADS);
        BigDecimal price = day.app().priceUsd(row.audience().territory()); // the app's price schedule that day, else the tuning's
        if (units > 0 && price.signum() > 0) {
          Audience a = row.audience();
          sink.add(purchaseDimensions(a, "App purchase", day.app().name(), day.app().appId(), APP_PAYMENT),
              new long[] {units, cents(Pricing.proceedsUsd(price, a.territory(), units)),
                  cents(Pricing.salesUsd(price, a.territory(), units)), units});
        }
      }
    }
    for (PurchaseRow p : day.purchases()) {
      sink.add(purchaseDimensions(p.audience(), "In-app purchases", p.product().name(), p.product().appleId(), p.paymentMethod()),
          new long[] {p.units() - p.refunds(), cents(p.proceedsUsd()), cents(p.salesUsd()), p.payingUsers()});
    }
  }

  /** The Payment Method of app purchases: the model gives one to in-app purchase rows only; theirs. */
  private static final String APP_PAYMENT = "Paid";

  private static String[] purchaseDimensions(Audience a, String type, String content, String contentId, String payment) {
    return new String[] {type, content, contentId, payment, a.device(), a.platformVersion(), a.sourceType(), a.sourceInfo(),
        a.campaign(), a.pageType(), a.pageTitle(), NONE, NONE, a.territory()};
  }

  static void crashes(AppDay day, FactSink sink) {
    for (UsageRow row : day.usage()) {
      long crashes = row.get(Measure.CRASHES);
      if (crashes != 0) {
        Audience a = row.audience();
        sink.add(new String[] {a.appVersion(), a.device(), a.platformVersion()}, new long[] {crashes, row.get(Measure.CRASH_DEVICES)});
      }
    }
  }

  /** One row per day: Downloading Users are the first-time downloads (the Measure's definition). */
  static void optIn(AppDay day, FactSink sink) {
    long downloading = day.total(Measure.FIRST_TIME_DOWNLOADS);
    long optIns = day.total(Measure.OPT_INS);
    if (downloading != 0 || optIns != 0) {
      sink.add(new String[0], new long[] {downloading, optIns});
    }
  }

  static long cents(BigDecimal usd) {
    return usd.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }
}
