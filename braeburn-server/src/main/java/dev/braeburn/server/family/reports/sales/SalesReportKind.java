package dev.braeburn.server.family.reports.sales;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One row of Apple's table of allowed Sales and Trends combinations (reports-webhooks.md §2.1):
 * report type, sub type, the frequencies it comes in, and its versions. {@code current} is what an
 * omitted {@code filter[version]} means and what the "latest version" error names; {@code
 * accepted} adds older versions clients are seen sending successfully.
 */
record SalesReportKind(String type, String subType, Set<Frequency> frequencies, String current, List<String> accepted) {
  private static final Set<Frequency> ALL = EnumSet.allOf(Frequency.class);
  private static final Set<Frequency> DAILY = EnumSet.of(Frequency.DAILY);

  /**
   * Versions: the doc's table, except SALES also takes 1_1 (Apple briefly required it in Jan 2024
   * and collectors still send it) and SUBSCRIPTION is 1_4, with win-back columns, since the live
   * API demanded it in Aug 2026 (rorkai #1841); its 1_3 is still served, without them.
   */
  static final List<SalesReportKind> TABLE = List.of(
      kind("SALES", "SUMMARY", ALL, "1_0", "1_1"),
      kind("PRE_ORDER", "SUMMARY", ALL, "1_0"),
      kind("NEWSSTAND", "DETAILED", EnumSet.of(Frequency.DAILY, Frequency.WEEKLY), "1_0"),
      kind("SUBSCRIPTION", "SUMMARY", DAILY, "1_4", "1_3"),
      kind("SUBSCRIPTION_EVENT", "SUMMARY", DAILY, "1_3"),
      kind("SUBSCRIBER", "DETAILED", DAILY, "1_3"),
      kind("SUBSCRIPTION_OFFER_CODE_REDEMPTION", "SUMMARY", DAILY, "1_0"),
      kind("WIN_BACK_ELIGIBILITY", "SUMMARY", DAILY, "1_0"),
      kind("INSTALLS", "SUMMARY", EnumSet.of(Frequency.MONTHLY), "1_2"),
      kind("INSTALLS", "DETAILED", EnumSet.of(Frequency.MONTHLY), "1_2"),
      kind("INSTALLS", "DETAILED", EnumSet.of(Frequency.YEARLY), "1_1", "1_0"),
      kind("INSTALLS", "SUMMARY_TERRITORY", EnumSet.of(Frequency.YEARLY), "1_1", "1_0"),
      kind("INSTALLS", "SUMMARY_INSTALL_TYPE", EnumSet.of(Frequency.YEARLY), "1_1", "1_0"),
      kind("INSTALLS", "SUMMARY_CHANNEL", EnumSet.of(Frequency.YEARLY), "1_1", "1_0"),
      kind("FIRST_ANNUAL", "DETAILED", DAILY, "1_0"),
      kind("FIRST_ANNUAL", "SUMMARY", EnumSet.of(Frequency.YEARLY), "1_0"));

  private static SalesReportKind kind(String type, String subType, Set<Frequency> frequencies, String current, String... older) {
    List<String> accepted = new java.util.ArrayList<>(List.of(current));
    accepted.addAll(List.of(older));
    return new SalesReportKind(type, subType, Set.copyOf(frequencies), current, List.copyOf(accepted));
  }

  boolean accepts(String version) {
    return accepted.contains(version);
  }
}
