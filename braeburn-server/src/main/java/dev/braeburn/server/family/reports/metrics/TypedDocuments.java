package dev.braeburn.server.family.reports.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;

/**
 * A 200 with a JSON document under the operation's own media type ({@code
 * application/vnd.apple.xcode-metrics+json}, {@code …diagnostic-logs+json}), as the spec's success
 * response names it, instead of {@code application/json}.
 */
final class TypedDocuments {
  private TypedDocuments() {}

  static ApiResponse ok(OperationContext ctx, ObjectMapper mapper, ObjectNode doc) {
    try {
      return ApiResponse.text(200, ctx.operation().success().contentType(), mapper.writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
