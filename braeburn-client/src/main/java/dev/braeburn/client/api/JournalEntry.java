package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request in Braeburn's journal ({@code GET /_braeburn/requests}): what was asked, how it was
 * answered, and for a refusal the {@code errorCode} and the {@code diagnosis} in plain words.
 * {@code fault} names the injected fault rule that changed the answer, if one did.
 */
public record JournalEntry(String requestId, Instant time, String method, String path, String query, int status,
    String issuerId, String keyId, String errorCode, String diagnosis, String fault, JsonNode json) {

  static JournalEntry of(JsonNode e) {
    return new JournalEntry(text(e, "requestId"), Instant.parse(e.path("time").asText()), text(e, "method"), text(e, "path"),
        text(e, "query"), e.path("status").asInt(), text(e, "issuerId"), text(e, "keyId"), text(e, "errorCode"),
        text(e, "diagnosis"), text(e, "fault"), e);
  }

  /** A field's text, null for absent or JSON null (Jackson's {@code asText(null)} gives "null" for the latter). */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
