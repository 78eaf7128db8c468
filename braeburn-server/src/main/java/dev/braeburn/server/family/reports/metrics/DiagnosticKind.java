package dev.braeburn.server.family.reports.metrics;

import java.util.List;

/**
 * The diagnostic types of {@code diagnosticSignatures} and how many events the usage model's
 * sessions give each: <b>events of a type for a version = sessions of that version in the window ×
 * {@link #perSession}, rounded half-even</b> (docs/perf-metrics.md, "Agreement"). Each type has
 * a catalogue of frames that its signatures blame; {@code %s} is the app's module name.
 * Rates, event names and frames are inferred.
 */
enum DiagnosticKind {
  HANGS(0.025, "Hang", "https://developer.apple.com/documentation/xcode/improving-app-responsiveness", List.of(
      new Frame("%sKit", "ImageCache.decode(_:)", "ImageCache.swift"),
      new Frame("%sKit", "Database.fetchAll(matching:)", "Database.swift"),
      new Frame("%s", "SyncEngine.mergeChanges(_:)", "SyncEngine.swift"),
      new Frame("%s", "ChartView.layoutSubviews()", "ChartView.swift"),
      new Frame("%sKit", "JSONStore.load(from:)", "JSONStore.swift"))),
  LAUNCHES(0.005, "Launch", "https://developer.apple.com/documentation/xcode/reducing-your-app-s-launch-time", List.of(
      new Frame("%s", "AppDelegate.application(_:didFinishLaunchingWithOptions:)", "AppDelegate.swift"),
      new Frame("%sKit", "Migrations.run()", "Migrations.swift"),
      new Frame("%sKit", "FeatureFlags.loadRemote()", "FeatureFlags.swift"),
      new Frame("%s", "FontRegistry.registerAll()", "FontRegistry.swift"))),
  DISK_WRITES(0.002, "Disk Writes", "https://developer.apple.com/documentation/xcode/reducing-disk-writes", List.of(
      new Frame("%sKit", "Store.save()", "Store.swift"),
      new Frame("%sKit", "ResponseCache.persist(_:)", "ResponseCache.swift"),
      new Frame("%s", "Logger.flush()", "Logger.swift"),
      new Frame("%sKit", "Thumbnails.write(_:to:)", "Thumbnails.swift")));

  /** A frame of the app's own code: binary (a format with the module name), symbol, source file. */
  record Frame(String binary, String symbol, String file) {
    String binaryName(String module) {
      return String.format(binary, module);
    }
  }

  final double perSession;
  final String event;
  final String insightsUrl;
  final List<Frame> frames;

  DiagnosticKind(double perSession, String event, String insightsUrl, List<Frame> frames) {
    this.perSession = perSession;
    this.event = event;
    this.insightsUrl = insightsUrl;
    this.frames = frames;
  }

  /** The agreement rule: this type's events among {@code sessions}. */
  long events(long sessions) {
    return java.math.BigDecimal.valueOf(sessions).multiply(java.math.BigDecimal.valueOf(perSession)).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }
}
