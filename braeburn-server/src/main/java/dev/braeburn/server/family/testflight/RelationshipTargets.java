package dev.braeburn.server.family.testflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;

/** The resources a relationship request's {@code data} array names, or Apple's 409 for the missing ones. */
final class RelationshipTargets {
  private RelationshipTargets() {}

  static List<Resource> of(OperationContext ctx, StoreTx tx) {
    JsonNode data = ctx.body().linkages();
    List<Resource> out = new ArrayList<>();
    List<ApiError> errors = new ArrayList<>();
    for (int i = 0; data != null && i < data.size(); i++) {
      String type = data.get(i).path("type").asText();
      String id = data.get(i).path("id").asText();
      Resource target = tx.find(type, id).orElse(null);
      if (target == null) {
        errors.add(Errors.relationshipTargetMissing(type, id, "/data/" + i));
      } else {
        out.add(target);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    return out;
  }

  static void refuseAny(List<ApiError> errors) {
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
  }
}
