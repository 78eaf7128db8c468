package dev.braeburn.server.family.reports.analytics;

import static dev.braeburn.server.family.reports.analytics.Level.Column.both;
import static dev.braeburn.server.family.reports.analytics.Level.Column.detailed;

import dev.braeburn.server.family.reports.model.AppDay;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The reports Braeburn writes files for: their columns in Apple's documented order (reports-webhooks.md
 * §1.5; every file starts with Date, App Name, App Apple Identifier), the completeness window of
 * their daily data (§1.6) and how their facts come from the usage model ({@link Facts}).
 */
enum ReportKind {
  INSTALLATION_AND_DELETION(5, true, Facts::installationAndDeletion,
      List.of(both("Event"), both("Download Type"), both("App Version"), both("Device"), both("Platform Version"),
          both("Source Type"), detailed("Source Info"), detailed("Campaign"), both("Page Type"), detailed("Page Title"),
          both("App Download Date"), both("Territory")),
      List.of(Measure.count("Counts"), Measure.count("Unique Devices")), 1),
  SESSIONS(5, true, Facts::sessions,
      List.of(both("App Version"), both("Device"), both("Platform Version"), both("Source Type"), detailed("Source Info"),
          detailed("Campaign"), both("Page Type"), detailed("Page Title"), both("App Download Date"), both("Territory")),
      List.of(Measure.count("Sessions"), Measure.count("Total Session Duration"), Measure.count("Unique Devices")), 2),
  DISCOVERY_AND_ENGAGEMENT(3, true, Facts::discoveryAndEngagement,
      List.of(both("Event"), both("Page Type"), detailed("Page Title"), both("Source Type"), detailed("Source Info"),
          detailed("Campaign"), both("Engagement Type"), both("Device"), both("Platform Version"), both("Territory")),
      List.of(Measure.count("Counts"), Measure.count("Unique Counts")), 1),
  /** Weekly and monthly instances of App Downloads exist for the Detailed report only (Apple's report page). */
  DOWNLOADS(2, false, Facts::downloads,
      List.of(both("Download Type"), both("App Version"), both("Device"), both("Platform Version"), both("Source Type"),
          detailed("Source Info"), detailed("Campaign"), both("Page Type"), detailed("Page Title"), both("Pre-Order"),
          both("Territory")),
      List.of(Measure.count("Counts")), 0),
  PURCHASES(2, true, Facts::purchases,
      List.of(both("Purchase Type"), both("Content Name"), both("Content Apple Identifier"), both("Payment Method"),
          both("Device"), both("Platform Version"), both("Source Type"), detailed("Source Info"), detailed("Campaign"),
          both("Page Type"), detailed("Page Title"), both("App Download Date"), both("Pre-Order"), both("Territory")),
      List.of(Measure.count("Purchases"), Measure.money("Proceeds in USD"), Measure.money("Sales in USD"),
          Measure.count("Paying Users")), 3),
  CRASHES(5, true, Facts::crashes,
      List.of(both("App Version"), both("Device"), both("Platform Version")),
      List.of(Measure.count("Crashes"), Measure.count("Unique Devices")), 1),
  OPT_IN(3, true, Facts::optIn,
      List.of(),
      List.of(Measure.count("Downloading Users"), Measure.count("Users Opting-In")), 0);

  /** A measure column; money is kept in cents and written with two decimals. */
  record Measure(String name, boolean money) {
    static Measure count(String name) {
      return new Measure(name, false);
    }

    static Measure money(String name) {
      return new Measure(name, true);
    }
  }

  private final int completenessDays;
  private final boolean standardWeekly;
  private final BiConsumer<AppDay, FactSink> facts;
  private final List<Level.Column> dimensions;
  private final List<Measure> measures;
  private final int usersMeasure;

  ReportKind(int completenessDays, boolean standardWeekly, BiConsumer<AppDay, FactSink> facts,
      List<Level.Column> dimensions, List<Measure> measures, int usersMeasure) {
    this.completenessDays = completenessDays;
    this.standardWeekly = standardWeekly;
    this.facts = facts;
    this.dimensions = dimensions;
    this.measures = measures;
    this.usersMeasure = usersMeasure;
  }

  /** Days after a Date until the daily instances carry its complete numbers (reports-webhooks.md §1.6). */
  int completenessDays() {
    return completenessDays;
  }

  /** Whether WEEKLY and MONTHLY instances are made for this report at {@code level}. */
  boolean hasWeeklyAndMonthly(Level level) {
    return standardWeekly || level == Level.DETAILED;
  }

  List<Level.Column> dimensions() {
    return dimensions;
  }

  List<Measure> measures() {
    return measures;
  }

  /** The measure that counts people: a row whose value is below the privacy threshold is withheld. */
  int usersMeasure() {
    return usersMeasure;
  }

  void facts(AppDay day, FactSink sink) {
    facts.accept(day, sink);
  }
}
