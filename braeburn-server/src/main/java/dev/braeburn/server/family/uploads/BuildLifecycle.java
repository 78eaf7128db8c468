package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.family.WebhookEvents;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.function.Consumer;

/**
 * State changes of build uploads and of builds' beta details, each written with the webhook event
 * that reports it in the same transaction (reports-webhooks.md §4: BUILD_UPLOAD_STATE_UPDATED with
 * oldState/newState on buildUploads; BUILD_BETA_DETAIL_EXTERNAL_BUILD_STATE_UPDATED with
 * old/newExternalBuildState on buildBetaDetails).
 */
final class BuildLifecycle {
  static final String AWAITING_UPLOAD = "AWAITING_UPLOAD";
  static final String PROCESSING = "PROCESSING";
  static final String FAILED = "FAILED";
  static final String COMPLETE = "COMPLETE";

  private final ObjectMapper mapper;
  private final WebhookEvents events;
  private final Related related;

  BuildLifecycle(ObjectMapper mapper, WebhookEvents events, Related related) {
    this.mapper = mapper;
    this.events = events;
    this.related = related;
  }

  /** A build upload's {@code state} object (BuildUpload.state: state plus errors, warnings, infos of StateDetail). */
  ObjectNode uploadState(String state, ArrayNode errors) {
    ObjectNode node = mapper.createObjectNode();
    node.put("state", state);
    node.set("errors", errors == null ? mapper.createArrayNode() : errors);
    node.putArray("warnings");
    node.putArray("infos");
    return node;
  }

  /** An AppMediaAssetState: state, errors (AppMediaStateError), warnings. */
  ObjectNode deliveryState(String state, ArrayNode errors) {
    ObjectNode node = mapper.createObjectNode();
    node.set("errors", errors == null ? mapper.createArrayNode() : errors);
    node.putArray("warnings");
    node.put("state", state);
    return node;
  }

  /** One error or detail entry: {code, description} (StateDetail and AppMediaStateError share the shape). */
  ArrayNode problem(String code, String description) {
    ArrayNode list = mapper.createArrayNode();
    list.addObject().put("code", code).put("description", description);
    return list;
  }

  static String uploadStateOf(Resource upload) {
    return upload.attributes().path("state").path("state").asText(null);
  }

  /** Moves a build upload to {@code newState} (with {@code errors}), applies {@code more} and announces the change. */
  Resource changeUpload(StoreTx tx, Resource upload, String newState, ArrayNode errors, Consumer<ObjectNode> more) {
    String old = uploadStateOf(upload);
    ObjectNode attributes = upload.attributes().deepCopy();
    attributes.set("state", uploadState(newState, errors));
    more.accept(attributes);
    tx.updateAttributes(upload, attributes);
    if (!newState.equals(old)) {
      related.one(tx, upload, "app").ifPresent(app -> {
        ObjectNode event = mapper.createObjectNode();
        event.put("oldState", old);
        event.put("newState", newState);
        events.emit(tx, app.id(), "BUILD_UPLOAD_STATE_UPDATED", event, "buildUploads", upload.id());
      });
    }
    return tx.find(upload.type(), upload.id()).orElseThrow();
  }

  /** Sets a build's beta states; announces a change of the external one. */
  void changeBeta(StoreTx tx, Resource build, String internal, String external) {
    Resource detail = related.one(tx, build, "buildBetaDetail").orElse(null);
    if (detail == null) {
      return;
    }
    String oldExternal = detail.attributes().path("externalBuildState").asText(null);
    ObjectNode attributes = detail.attributes().deepCopy();
    attributes.put("internalBuildState", internal);
    attributes.put("externalBuildState", external);
    tx.updateAttributes(detail, attributes);
    if (!external.equals(oldExternal)) {
      related.one(tx, build, "app").ifPresent(app -> events.externalBuildStateChanged(tx, app.id(), detail.id(), oldExternal, external));
    }
  }
}
