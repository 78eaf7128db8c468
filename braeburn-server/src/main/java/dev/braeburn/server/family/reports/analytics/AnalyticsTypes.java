package dev.braeburn.server.family.reports.analytics;

import java.time.ZoneId;

/** Resource types, scheduled task kinds and the time zone of the Analytics Reports API. */
final class AnalyticsTypes {
  static final String APPS = "apps";
  static final String REQUESTS = "analyticsReportRequests";
  static final String REPORTS = "analyticsReports";
  static final String INSTANCES = "analyticsReportInstances";
  static final String SEGMENTS = "analyticsReportSegments";

  /** One run of an ONGOING request's daily processing (payload {@code requestId}). */
  static final String ONGOING_TASK = "analytics.ongoing";
  /** One month of a ONE_TIME_SNAPSHOT's history (payload {@code requestId}, {@code month}). */
  static final String SNAPSHOT_TASK = "analytics.snapshot";
  /** Deletes the instances of one processing once they are 35 days old (payload {@code requestId}, {@code instances}). */
  static final String EXPIRY_TASK = "analytics.expire";

  static final String ONGOING = "ONGOING";
  static final String ONE_TIME_SNAPSHOT = "ONE_TIME_SNAPSHOT";

  /** Apple's reports count days in Pacific time (as the usage model does). */
  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private AnalyticsTypes() {}
}
