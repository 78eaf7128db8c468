package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A JSON:API resource object: type, id, attributes and relationships. Attributes stay Jackson
 * nodes on purpose — see docs/adr/0001-java-client.md: App Store Connect has hundreds of types
 * and sends values its spec lacks, so this layer does not close them into classes.
 */
public record Resource(String type, String id, JsonNode attributes, JsonNode relationships, JsonNode node) {

  static Resource of(JsonNode node) {
    return new Resource(node.path("type").asText(null), node.path("id").asText(null),
        node.path("attributes"), node.path("relationships"), node);
  }

  /** An attribute's text, or null when absent or null. */
  public String attribute(String name) {
    JsonNode value = attributes.path(name);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  /** The linkage {@code relationships.<name>.data}: an object, an array, null or missing. */
  public JsonNode relationship(String name) {
    return relationships == null ? MissingNode.getInstance() : relationships.path(name).path("data");
  }

  /** The id of a to-one relationship, or null. */
  public String relatedId(String name) {
    JsonNode data = relationship(name);
    return data.isObject() ? data.path("id").asText(null) : null;
  }
}
