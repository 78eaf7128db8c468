package dev.braeburn.server.family.reports.analytics;

/** An instance's granularity: the spec's enum. */
enum Granularity {
  DAILY,
  WEEKLY,
  MONTHLY
}
