package dev.braeburn.server.family.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON body of a notification, as Apple lays it out (reports-webhooks.md §4.3): {@code
 * {"data":{"type":"<camelCaseEvent>","id":"<uuid>","version":1,"attributes":{…,"timestamp"},
 * "relationships":{"instance":{"data":{"type","id"}}}}}}. It is rendered once, stored as the
 * event's {@code payload} and POSTed byte for byte, so the signature a receiver checks is over
 * exactly what {@code GET …/deliveries?include=event} shows.
 */
final class EventPayload {
  private final ObjectMapper mapper;

  EventPayload(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param attributes the event's own attributes (without timestamp); may be null
   * @param instanceType null for an event without an instance
   */
  String event(EventType type, String eventId, String appId, ObjectNode attributes, String instanceType, String instanceId, Instant timestamp) {
    ObjectNode data = mapper.createObjectNode();
    data.put("type", type.payloadType());
    data.put("id", eventId);
    if (type.shape() != EventType.Shape.BARE_INSTANCE) {
      data.put("version", 1);
    }
    ObjectNode attrs = data.putObject("attributes");
    if (attributes != null) {
      attrs.setAll(attributes.deepCopy());
    }
    attrs.remove("timestamp");
    if (type.shape() == EventType.Shape.MARKETPLACE && !attrs.has("appId")) {
      attrs.put("appId", appId);
    }
    attrs.put("timestamp", timestamp.toString());
    ObjectNode relationships = mapper.createObjectNode();
    if (instanceType != null) {
      ObjectNode instance = relationships.putObject("instance");
      ObjectNode target = type.shape() == EventType.Shape.BARE_INSTANCE ? instance : instance.putObject("data");
      target.put("type", instanceType).put("id", instanceId);
    }
    if (type.shape() == EventType.Shape.MARKETPLACE) {
      relationships.putObject("marketplaceApp").putObject("data").put("type", "apps").put("id", appId);
    }
    if (!relationships.isEmpty()) {
      data.set("relationships", relationships);
    }
    return render(data);
  }

  /** The test notification ("Ping" in App Store Connect): {@code webhookPingCreated} with only a timestamp. */
  String ping(String eventId, Instant timestamp) {
    ObjectNode data = mapper.createObjectNode();
    data.put("type", "webhookPingCreated");
    data.put("id", eventId);
    data.put("version", 1);
    data.putObject("attributes").put("timestamp", timestamp.toString());
    return render(data);
  }

  private String render(ObjectNode data) {
    ObjectNode doc = mapper.createObjectNode();
    doc.set("data", data);
    try {
      return mapper.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
