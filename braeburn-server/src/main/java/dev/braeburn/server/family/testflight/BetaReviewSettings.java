package dev.braeburn.server.family.testflight;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether Braeburn plays Beta App Review by itself: with auto-approve on (the default), a
 * submission still in review {@link #autoApproveAfter} after it was submitted is approved on the
 * virtual clock; with it off, a submission waits in review until {@code POST
 * /_braeburn/betaReviews/{id}} decides. One server-wide default, overridable per team. Kept in the
 * memory of this process (set it again after a restart, and on each instance sharing a database).
 */
final class BetaReviewSettings {
  /** Apple's review takes about a day; a CI run advances the clock rather than waiting. */
  static final Duration DEFAULT_AUTO_APPROVE_AFTER = Duration.ofHours(24);
  /** How long a submission waits before review starts (WAITING_FOR_BETA_REVIEW → IN_BETA_REVIEW). */
  static final Duration REVIEW_STARTS_AFTER = Duration.ofHours(1);

  record Setting(boolean autoApprove, Duration autoApproveAfter) {}

  private volatile Setting serverDefault = new Setting(true, DEFAULT_AUTO_APPROVE_AFTER);
  private final Map<String, Setting> byTeam = new ConcurrentHashMap<>();

  Setting of(String teamId) {
    return byTeam.getOrDefault(teamId, serverDefault);
  }

  Setting serverDefault() {
    return serverDefault;
  }

  void setServerDefault(Setting setting) {
    serverDefault = setting;
  }

  void setTeam(String teamId, Setting setting) {
    byTeam.put(teamId, setting);
  }
}
