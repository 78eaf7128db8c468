package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.PageKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque paging cursors: base64url JSON of a keyset position. Clients treat them as opaque (Apple's
 * look like {@code AoJ4g7mg6o4DKzEwNzQ2ODIxOTc2.ANrJC88}); a cursor that does not decode, or was
 * made for a different sort, is {@code PARAMETER_ERROR.INVALID}.
 */
final class Cursors {
  private final ObjectMapper mapper;

  Cursors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  String encode(PageKey key) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode present = node.putArray("p");
    key.present().forEach(present::add);
    ArrayNode values = node.putArray("v");
    key.values().forEach(v -> values.add(mapper.valueToTree(v)));
    node.put("s", key.seq());
    return opaque(node);
  }

  /**
   * A cursor past the end of a listing, {@code depth} empty pages deep (the endless-next quirk,
   * {@link ListingQuirks}); it carries the listing's total so every empty page reports it.
   */
  String encodeBeyondEnd(long depth, long total) {
    ObjectNode node = mapper.createObjectNode();
    node.put("e", depth);
    node.put("t", total);
    return opaque(node);
  }

  /** A cursor made by {@link #encodeBeyondEnd}: {@code [depth, total]}; null for any other cursor. */
  long[] beyondEnd(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(cursor));
      return node != null && node.path("e").canConvertToLong() && node.path("t").canConvertToLong() && !node.has("p")
          ? new long[] {node.path("e").asLong(), node.path("t").asLong()} : null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  private String opaque(ObjectNode node) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mapper.writeValueAsBytes(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  PageKey decode(String cursor, int sortKeys) {
    try {
      JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(cursor));
      JsonNode present = node.get("p");
      JsonNode values = node.get("v");
      JsonNode seq = node.get("s");
      if (present == null || values == null || seq == null || !seq.canConvertToLong() || !present.isArray() || !values.isArray()
          || present.size() != sortKeys || values.size() != sortKeys) { // a client's cursor: any shape may come back
        throw invalid(cursor);
      }
      List<Boolean> p = new ArrayList<>();
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < sortKeys; i++) {
        p.add(present.get(i).asBoolean());
        JsonNode value = values.get(i);
        v.add(value.isNumber() ? value.numberValue() : value.asText());
      }
      return new PageKey(p, v, seq.asLong());
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw invalid(cursor);
    }
  }

  private static ApiException invalid(String cursor) {
    return new ApiException(Errors.parameterInvalid("cursor", "'" + cursor + "' is not a valid cursor for this request"));
  }
}
