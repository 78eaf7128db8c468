package dev.braeburn.server.family.reports.analytics;

/**
 * A report's content level (reports-webhooks.md §1.4): Detailed adds the Source Info, Campaign and
 * Page Title columns; Standard aggregates them away. Reports without the suffix have one level.
 */
enum Level {
  STANDARD,
  DETAILED,
  SINGLE;

  boolean shows(Column column) {
    return !column.detailedOnly() || this == DETAILED;
  }

  /** One column of a report file: its header name, and whether only Detailed files carry it. */
  record Column(String name, boolean detailedOnly) {
    static Column both(String name) {
      return new Column(name, false);
    }

    static Column detailed(String name) {
      return new Column(name, true);
    }
  }
}
