package dev.braeburn.server.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request document with the character U+0000 in any string or member name. JSON may
 * carry it ({@code "\u0000"}), but PostgreSQL can store it neither in {@code text} nor in {@code
 * jsonb}, so such a value answered 500 there and was stored on SQLite: the stores disagreed.
 * Refused on both, before any work, as 409 {@code ENTITY_ERROR.ATTRIBUTE.INVALID} with the
 * value's pointer — what Apple answers for a value it will not take (its answer for this
 * character is not recorded: inferred).
 */
public final class NulCharacters {
  private static final int MAX_REPORTED = 10;

  private NulCharacters() {}

  /** @throws ApiException listing every offending pointer (at most ten) when the document has one */
  public static void refuse(JsonNode document) {
    List<ApiError> errors = new ArrayList<>();
    walk(document, "", errors);
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
  }

  private static void walk(JsonNode node, String pointer, List<ApiError> errors) {
    if (errors.size() >= MAX_REPORTED) {
      return;
    }
    if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
      errors.add(Errors.attributeInvalid("The value at '" + pointer + "' contains the character U+0000, which is not allowed", pointer));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String child = pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
        if (member.getKey().indexOf('\0') >= 0) {
          errors.add(Errors.attributeInvalid("A member name at '" + pointer + "' contains the character U+0000, which is not allowed",
              child.replace("\0", "\\u0000")));
        } else {
          walk(member.getValue(), child, errors);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, errors);
      }
    }
  }
}
