package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code included} items of an update request (a subscription's new offers and prices, a
 * promotional offer's new prices): each created in order by its type's {@link GenericWrites.InlineCreate}
 * inside the update's transaction, so a refusal of any one refuses the whole request. A refusal's
 * pointers move from {@code /data/…} to {@code /included/n/…}, where item n is the one refused.
 */
final class InlineCreates {
  private InlineCreates() {}

  static Map<String, Resource> create(OperationContext ctx, StoreTx tx, Resource parent, List<JsonNode> included) {
    Map<String, Resource> local = new LinkedHashMap<>();
    for (int i = 0; i < included.size(); i++) {
      JsonNode item = included.get(i);
      String id = item.path("id").asText("");
      if (!id.startsWith("${") || !id.endsWith("}") || local.containsKey(id)) {
        // Apple's recorded body for a non-local included id (37MobileTeam/AppleParty#18); a repeated local id is the same refusal [INFER].
        throw new ApiException(List.of(Errors.includedIdInvalid(id, "/included/" + i + "/id")),
            "included[" + i + "] has id '" + id + "'; an included item is created by this request, so its id is a local id such as"
                + " '${new-offer}', unique within the request, which the relationships name.");
      }
      try {
        local.put(id, ctx.services().relations().inlineCreator(item.path("type").asText()).create(ctx, tx, parent, item, local));
      } catch (ApiException e) {
        throw at(i, item, e);
      }
    }
    return local;
  }

  private static ApiException at(int index, JsonNode item, ApiException e) {
    List<ApiError> moved = new ArrayList<>();
    for (ApiError error : e.errors()) {
      String pointer = error.sourcePointer();
      moved.add(pointer != null && pointer.startsWith("/data") ? error.pointer("/included/" + index + pointer.substring("/data".length())) : error);
    }
    String why = e.diagnosis() == null ? e.errors().getFirst().detail() : e.diagnosis();
    return new ApiException(moved, "included[" + index + "] (" + item.path("type").asText() + " " + item.path("id").asText()
        + ") was refused, so nothing of this request was saved: " + why);
  }
}
