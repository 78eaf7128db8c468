package dev.braeburn.server.family.reports.model;

/**
 * The counters of a {@link UsageRow}. Every count of every report and of the metrics summary is a
 * sum of these over rows; nothing is counted twice in two measures.
 */
public enum Measure {
  /** App Store Discovery and Engagement: Event "Impression", Counts / Unique Counts. */
  IMPRESSIONS, IMPRESSIONS_UNIQUE,
  /** Event "Page view". */
  PAGE_VIEWS, PAGE_VIEWS_UNIQUE,
  /** Event "Tap" by Engagement Type "Get", "Redownload", "Update", "Open". */
  TAPS_GET, TAPS_REDOWNLOAD, TAPS_UPDATE, TAPS_OPEN,
  /** Downloads by Download Type; installations are the first four, not auto-updates. */
  FIRST_TIME_DOWNLOADS, REDOWNLOADS, MANUAL_UPDATES, AUTO_UPDATES, RESTORES,
  /** App Store Installation and Deletion: Event "Delete". */
  DELETIONS,
  /** App Sessions: Sessions, Total Session Duration (seconds), Unique Devices. */
  SESSIONS, SESSION_SECONDS, ACTIVE_DEVICES,
  /** App Crashes. */
  CRASHES, CRASH_DEVICES,
  /** App Opt In: Users Opting-In (Downloading Users are the first-time downloads). */
  OPT_INS
}
