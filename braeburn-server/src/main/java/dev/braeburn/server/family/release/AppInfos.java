package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An app's app infos (review-pipeline.md §3.2): app-wide records of name, subtitle, categories and
 * age rating. A live app has two at once — the live one (READY_FOR_DISTRIBUTION) and an editable
 * one that goes through review with the next version and replaces the live one when that version
 * is released. The editable one follows the state of the version in flight; which state a version
 * state gives it is this table (inferred from the two vocabularies, §4.2; Apple documents no mapping).
 */
final class AppInfos {
  static final String TYPE = "appInfos";
  static final String LIVE = "READY_FOR_DISTRIBUTION";
  static final String REPLACED = "REPLACED_WITH_NEW_INFO";

  /** Version {@code appVersionState} → editable app info {@code state} [INFER]. */
  static final Map<String, String> FOLLOWS = Map.ofEntries(
      Map.entry("PREPARE_FOR_SUBMISSION", "PREPARE_FOR_SUBMISSION"),
      Map.entry("READY_FOR_REVIEW", "READY_FOR_REVIEW"),
      Map.entry("WAITING_FOR_REVIEW", "WAITING_FOR_REVIEW"),
      Map.entry("WAITING_FOR_EXPORT_COMPLIANCE", "WAITING_FOR_REVIEW"),
      Map.entry("IN_REVIEW", "IN_REVIEW"),
      Map.entry("ACCEPTED", "ACCEPTED"),
      Map.entry("REJECTED", "REJECTED"),
      Map.entry("METADATA_REJECTED", "REJECTED"),
      Map.entry("INVALID_BINARY", "REJECTED"),
      Map.entry("DEVELOPER_REJECTED", "DEVELOPER_REJECTED"),
      Map.entry("PENDING_DEVELOPER_RELEASE", "PENDING_RELEASE"),
      Map.entry("PENDING_APPLE_RELEASE", "PENDING_RELEASE"),
      Map.entry("PROCESSING_FOR_DISTRIBUTION", "PENDING_RELEASE"),
      Map.entry("READY_FOR_DISTRIBUTION", LIVE));

  private static final Set<String> DONE = Set.of(LIVE, REPLACED);

  private final EngineServices services;
  private final Graph graph;

  AppInfos(EngineServices services, Graph graph) {
    this.services = services;
    this.graph = graph;
  }

  static String state(Resource appInfo) {
    return appInfo.attributes().path("state").asText("");
  }

  /** The app info that changes with the next version, if the app has one. */
  Optional<Resource> editable(StoreTx tx, Resource app) {
    return graph.related(tx, app, "appInfos").stream().filter(i -> !DONE.contains(state(i))).findFirst();
  }

  /** The app info on the App Store now, if any. */
  Optional<Resource> live(StoreTx tx, Resource app) {
    return graph.related(tx, app, "appInfos").stream().filter(i -> LIVE.equals(state(i))).findFirst();
  }

  /**
   * Moves the editable app info along with a version that moved to {@code versionState}; on
   * release, the live one becomes REPLACED_WITH_NEW_INFO and the editable one goes live.
   */
  void follow(StoreTx tx, Resource app, String versionState) {
    String to = FOLLOWS.get(versionState);
    Optional<Resource> editable = editable(tx, app);
    if (to == null || editable.isEmpty()) {
      return;
    }
    // An app info loaded through the admin API may sit in a state the version's move cannot follow from
    // (a PREPARE_FOR_SUBMISSION info beside a version pending release): it stays where it is rather
    // than failing the version's move.
    if (!services.rules().allows(TYPE, "state", state(editable.get()), to)) {
      return;
    }
    if (to.equals(LIVE)) {
      live(tx, app).ifPresent(old -> services.rules().move(tx, old, "state", REPLACED));
    }
    services.rules().move(tx, editable.get(), "state", to);
  }
}
