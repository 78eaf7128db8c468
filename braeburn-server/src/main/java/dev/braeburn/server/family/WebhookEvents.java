package dev.braeburn.server.family;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.StoreTx;

/**
 * Announces a change that App Store Connect webhooks report (reports-webhooks.md §4.2–4.3). Called
 * inside the transaction that makes the change: deliveries are scheduled in it, so an event is
 * never lost and never sent for a change that was rolled back.
 */
@FunctionalInterface
public interface WebhookEvents {
  /** Does nothing: for servers (and tests) without the webhooks family. */
  WebhookEvents NONE = (tx, appId, eventType, attributes, instanceType, instanceId) -> {};

  /**
   * @param appId the app whose webhooks hear of it
   * @param eventType a {@code WebhookEventType}, e.g. {@code BUILD_UPLOAD_STATE_UPDATED}
   * @param attributes the event's attributes without {@code timestamp} (the webhooks family adds it: server time of the change)
   * @param instanceType type of {@code relationships.instance.data}, or null when the event has none
   */
  void emit(StoreTx tx, String appId, String eventType, ObjectNode attributes, String instanceType, String instanceId);

  /**
   * {@code BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED}: a build's external TestFlight state moved
   * from {@code oldState} (null when it had none) to {@code newState}. The uploads family (processing,
   * expiry) and the TestFlight family (review, groups) both change that state; one payload serves both.
   */
  default void externalBuildStateChanged(StoreTx tx, String appId, String betaDetailId, String oldState, String newState) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    attributes.put("oldExternalBuildState", oldState);
    attributes.put("newExternalBuildState", newState);
    emit(tx, appId, "BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED", attributes, "buildBetaDetails", betaDetailId);
  }
}
