package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an App Store Connect error document's {@code errors[]}. {@code pointer} is
 * {@code source.pointer} (a JSON pointer into the request body), or {@code source.parameter}'s
 * name for query errors; null when Apple names neither.
 */
public record ApiError(String status, String code, String title, String detail, String pointer) {

  static ApiError of(JsonNode e) {
    JsonNode source = e.path("source");
    String pointer = source.hasNonNull("pointer") ? source.get("pointer").asText()
        : source.hasNonNull("parameter") ? source.get("parameter").asText() : null;
    return new ApiError(text(e, "status"), text(e, "code"), text(e, "title"), text(e, "detail"), pointer);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
