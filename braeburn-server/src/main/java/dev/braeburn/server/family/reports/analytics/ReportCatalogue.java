package dev.braeburn.server.family.reports.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every report an analytics report request links to (reports-webhooks.md §1.4): Apple's API names
 * and categories. A report's id is {@code r<number>-<requestId>} (§1.2); 3, 6, 8, 14 and 189 are
 * the numbers third parties observed and 19 is Apple's example, the rest are Braeburn's. Instances are made
 * only for the reports that have a {@link ReportKind}; the others stay without instances, as
 * Apple's reports do for apps below its volume threshold.
 */
final class ReportCatalogue {
  /** One report: its number, API name, category, and what its files hold (null: no files). */
  record Entry(int number, String name, String category, ReportKind kind, Level level) {
    boolean hasFiles() {
      return kind != null;
    }

    /** The id of this report under one request. */
    String id(String requestId) {
      return "r" + number + "-" + requestId;
    }

    /** The object key segment of download URLs, like Apple's {@code APP_CRASHES_PRIMARY}. */
    String objectKey() {
      return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }
  }

  // number | category | name; reports with files are bound to their kind in WITH_FILES below
  private static final String TABLE = """
      14|APP_STORE_ENGAGEMENT|App Store Discovery and Engagement Standard
      15|APP_STORE_ENGAGEMENT|App Store Discovery and Engagement Detailed
      16|APP_STORE_ENGAGEMENT|App Store Web Preview Engagement Standard
      3|COMMERCE|App Downloads Standard
      4|COMMERCE|App Downloads Detailed
      10|COMMERCE|App Store Purchases Standard
      11|COMMERCE|App Store Purchases Detailed
      12|COMMERCE|App Store Pre-Orders Standard
      13|COMMERCE|App Store Pre-Orders Detailed
      20|COMMERCE|App Store Subscription Event Report Standard
      21|COMMERCE|App Store Subscription Event Report Detailed
      22|COMMERCE|App Store Subscription State Report Standard
      23|COMMERCE|App Store Subscription State Report Detailed
      6|APP_USAGE|App Store Installation and Deletion Standard
      7|APP_USAGE|App Store Installation and Deletion Detailed
      8|APP_USAGE|App Sessions Standard
      9|APP_USAGE|App Sessions Detailed
      1|APP_USAGE|App Crashes
      189|APP_USAGE|App Opt In
      24|APP_USAGE|App Clip Usage Standard
      25|APP_USAGE|App Clip Usage Detailed
      26|APP_USAGE|Platform App Installs
      27|APP_USAGE|App Sessions Context
      28|APP_USAGE|CarPlay App Usage
      19|PERFORMANCE|Streaming Playback Performance
      2|PERFORMANCE|App Crashes Expanded
      30|PERFORMANCE|App Install Performance
      31|PERFORMANCE|Streaming Downloads Performance
      32|PERFORMANCE|Networking Connection Activity
      33|PERFORMANCE|CAMetalLayer Performance
      34|PERFORMANCE|Bluetooth System Wakes
      35|PERFORMANCE|AirPlay Performance
      36|PERFORMANCE|HTTP Live Streaming Playback Errors
      37|PERFORMANCE|Spotlight Query Performance
      38|PERFORMANCE|Custom Language Model Builds Failed
      39|PERFORMANCE|AirPlay Errors
      40|PERFORMANCE|App Storage Reads and Writes
      41|PERFORMANCE|Audio Overloads
      42|PERFORMANCE|Bluetooth LE Session Duration
      43|PERFORMANCE|Display Power Information
      44|PERFORMANCE|Launch Image Over Memory Limit
      45|PERFORMANCE|Media Device Extension Errors
      46|PERFORMANCE|Media Device Extension Performance
      47|PERFORMANCE|Call Services and Call Performance
      48|PERFORMANCE|App HangTracer Usage
      49|PERFORMANCE|App Extended Launch Usage
      """;

  /** FRAMEWORK_USAGE reports, numbered from 50 in this order. */
  private static final List<String> FRAMEWORK_USAGE = List.of(
      "AirPlay Discovery Sessions", "Home Screen Widget Rotations", "File-Based Video Playback Usage", "Safari Extensions Usage",
      "CRABS-Based Video Playback Usage", "Translation Request Usage", "Safari Extensions Enablement",
      "Automatic Speech Recognition Usage", "Keyboard Dictation Usage", "Spatial Audio Usage", "Video Duration Information",
      "Default Browser Usage Rate", "Home Screen Widgets", "Browser Choice Screen Engagement (iOS versions before 18.2)",
      "Home Screen Widget Usage", "VisionKit Image Analysis", "Reminders Usage", "PhotoKit Imports",
      "Speech Framework Transcription Requests", "HTTP Live Streaming Video Playback Usage", "Mode Activity Notifications",
      "Metal Command Queues", "Lock Screen Widget Configuration", "Local Network Privacy", "Photos Library Access",
      "Game Controller Sessions", "Speech Framework Transcription Request Audio Duration", "Text-Input Actions",
      "VisionKit Sessions", "App Runtime Usage", "Flashlight Usage", "ARKit World Tracking",
      "ARKit World Tracking Image Detection", "Photogrammetry ObjectCaptureSession API Usage", "PhotogrammetrySession API Usage",
      "Haptics Engine Usage", "ShazamKit Usage", "App Added to Focus", "Audio Input Muting", "RoomPlan Usage",
      "Audio Input Route and Duration and Call Mode", "App Disk Space Usage", "Location Sessions", "CarPlay Navigation",
      "Video PiP Duration", "HTTP Live Streaming Playback Count", "Bluetooth LE Scans", "Bluetooth LE Advertising",
      "AccessorySetupKit Usage", "AccessorySetupKit Accessory Picker Sessions", "Custom Language Model Builds Started",
      "Customized Transcription Requests", "DockKit App Usage", "Live Activity Use", "Multiple Game Controllers Usage",
      "Photos Picker", "Shared With You Content Engagement", "iBeacon Add Region Usage", "iBeacon Stop Monitoring for Region Usage",
      "VisionKit Live Text Usage", "Wi-Fi Known Network Modifications", "Bluetooth LE Sessions",
      // titles of Apple's report catalogue pages (their API names were not observed)
      "Animoji Stickers Sent", "Application Preferred Language Settings", "ARKit ARSession Duration", "ARKit ARSession Failures",
      "ARKit Capture Frame Rate Throttling", "ARKit Collaborative Session Features", "ARKit Face Tracking", "ARKit Video Formats",
      "Audio Session Audio Unit Usage", "Audio Volume Levels and Duration", "Bluetooth LE Connection Results",
      "Bluetooth LE Connections Per App", "Bluetooth LE Disconnection Results", "Browser Choice Screen Selection",
      "Collaboration Message Usage", "Core Location Authorization Results", "Core Location Geofencing",
      "Dynamic Island Layout Changes", "Game Controller Haptics Engine Creation", "Load CoreML Models Metrics",
      "Notification Summary Engagement", "Photos Sharing", "SharePlay Usage by Activity Type", "Verify with Wallet Document Requests",
      "Verify with Wallet Document Requests Availability", "VisionKit Data Detectors", "Shortcut App Usage", "Shortcuts Actions Usage",
      "Embedding Generation", "App Neural Footprint", "Cellular Plan Provisioning", "Face-Driven Auto Exposure and Auto Focus Usage",
      "File System Events API Usage");

  private record Files(ReportKind kind, Level level) {}

  private static final Map<Integer, Files> WITH_FILES = Map.ofEntries(
      Map.entry(6, new Files(ReportKind.INSTALLATION_AND_DELETION, Level.STANDARD)),
      Map.entry(7, new Files(ReportKind.INSTALLATION_AND_DELETION, Level.DETAILED)),
      Map.entry(8, new Files(ReportKind.SESSIONS, Level.STANDARD)),
      Map.entry(9, new Files(ReportKind.SESSIONS, Level.DETAILED)),
      Map.entry(14, new Files(ReportKind.DISCOVERY_AND_ENGAGEMENT, Level.STANDARD)),
      Map.entry(15, new Files(ReportKind.DISCOVERY_AND_ENGAGEMENT, Level.DETAILED)),
      Map.entry(3, new Files(ReportKind.DOWNLOADS, Level.STANDARD)),
      Map.entry(4, new Files(ReportKind.DOWNLOADS, Level.DETAILED)),
      Map.entry(10, new Files(ReportKind.PURCHASES, Level.STANDARD)),
      Map.entry(11, new Files(ReportKind.PURCHASES, Level.DETAILED)),
      Map.entry(1, new Files(ReportKind.CRASHES, Level.SINGLE)),
      Map.entry(189, new Files(ReportKind.OPT_IN, Level.SINGLE)));

  private static final List<Entry> ALL = build();
  private static final Map<Integer, Entry> BY_NUMBER = index(ALL);

  private ReportCatalogue() {}

  /** Every report, in the order a request lists them. */
  static List<Entry> all() {
    return ALL;
  }

  /** The reports Braeburn writes files for, in catalogue order. */
  static List<Entry> withFiles() {
    return ALL.stream().filter(Entry::hasFiles).toList();
  }

  static Optional<Entry> byNumber(int number) {
    return Optional.ofNullable(BY_NUMBER.get(number));
  }

  private static List<Entry> build() {
    List<Entry> out = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] cells = line.strip().split("\\|");
      out.add(entry(Integer.parseInt(cells[0]), cells[2], cells[1]));
    }
    for (int i = 0; i < FRAMEWORK_USAGE.size(); i++) {
      out.add(entry(50 + i, FRAMEWORK_USAGE.get(i), "FRAMEWORK_USAGE"));
    }
    return Collections.unmodifiableList(out);
  }

  private static Entry entry(int number, String name, String category) {
    Files files = WITH_FILES.get(number);
    return files == null ? new Entry(number, name, category, null, null)
        : new Entry(number, name, category, files.kind(), files.level());
  }

  private static Map<Integer, Entry> index(List<Entry> entries) {
    Map<Integer, Entry> out = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (Entry e : entries) {
      if (out.put(e.number(), e) != null || !names.add(e.name())) {
        throw new IllegalStateException("duplicate report " + e);
      }
    }
    return out;
  }
}
