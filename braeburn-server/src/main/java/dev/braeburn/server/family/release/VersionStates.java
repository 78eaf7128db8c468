package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.Set;

/**
 * The one way the release family changes a version's {@code appVersionState}: through the type
 * rules' state machine (which keeps the deprecated {@code appStoreState} in step), announcing
 * {@code APP_STORE_VERSION_APP_VERSION_STATE_UPDATED} in the changing transaction (review-pipeline.md
 * §4.7: one event per change, staging included) and moving the app's editable app info along.
 */
public final class VersionStates {
  static final String TYPE = "appStoreVersions";
  static final String STATE = "appVersionState";
  static final String EVENT = "APP_STORE_VERSION_APP_VERSION_STATE_UPDATED";

  /** Metadata may change (fastlane's edit states without WAITING_FOR_REVIEW, review-pipeline.md §3.1). */
  static final Set<String> EDITABLE = Set.of("PREPARE_FOR_SUBMISSION", "DEVELOPER_REJECTED", "REJECTED", "METADATA_REJECTED", "INVALID_BINARY");
  /** On the App Store now or before: a platform with one of these has had its first version (review-pipeline.md §5.2). */
  static final Set<String> RELEASED = Set.of("READY_FOR_DISTRIBUTION", "REPLACED_WITH_NEW_VERSION");
  /** appStoreState values of a version that reached the store and left it (no appVersionState spelling, §4.2). */
  static final Set<String> RELEASED_STORE_STATES = Set.of("READY_FOR_SALE", "PREORDER_READY_FOR_SALE", "DEVELOPER_REMOVED_FROM_SALE",
      "REMOVED_FROM_SALE", "REPLACED_WITH_NEW_VERSION");

  private final EngineServices services;
  private final Graph graph;
  private final WebhookEvents events;
  private final AppInfos appInfos;

  VersionStates(EngineServices services, Graph graph, WebhookEvents events, AppInfos appInfos) {
    this.services = services;
    this.graph = graph;
    this.events = events;
    this.appInfos = appInfos;
  }

  static String state(Resource version) {
    return version.attributes().path(STATE).asText(null);
  }

  /** Whether the version is or was on the App Store. */
  public static boolean released(Resource version) {
    return RELEASED.contains(state(version)) || RELEASED_STORE_STATES.contains(version.attributes().path("appStoreState").asText(""));
  }

  /**
   * Moves the version to {@code to} (nothing when it is there already). Returns it as stored
   * afterwards. A transition the table does not list is a server bug ({@link IllegalStateException}).
   */
  Resource move(StoreTx tx, Resource version, String to) {
    String from = state(version);
    if (to.equals(from)) {
      return version;
    }
    Resource moved = services.rules().move(tx, version, STATE, to);
    ObjectNode attributes = graph.object().put("newValue", to).put("oldValue", from);
    Resource app = graph.relatedOne(tx, version, "app").orElse(null);
    if (app != null) {
      events.emit(tx, app.id(), EVENT, attributes, TYPE, version.id());
      appInfos.follow(tx, app, to);
    }
    return moved;
  }
}
