package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A validated request body. For create/update: type, id (update only), attributes, relationships
 * by name (each the {@code data} linkage: object, array or null) and inline-created {@code
 * included} resources. For relationship requests: {@code linkages} holds the {@code data}.
 */
public record RequestDocument(
    String type,
    String id,
    ObjectNode attributes,
    Map<String, JsonNode> relationships,
    List<JsonNode> included,
    JsonNode linkages) {}
