package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;

/**
 * {@code PATCH /v1/builds/{id}} keeps the beta states in step (protocol.md §7.1): {@code expired:
 * true} expires the build (beta states EXPIRED; an expired build stays expired), and answering
 * {@code usesNonExemptEncryption} releases a build waiting in MISSING_EXPORT_COMPLIANCE. The answer
 * is given once: changing it later is refused as Apple does ("You cannot update when the value is
 * already set."); repeating the same value changes nothing.
 */
final class BuildUpdates {
  private final BuildProcessing processing;
  private final BuildLifecycle lifecycle;
  private final Related related;

  BuildUpdates(BuildProcessing processing, BuildLifecycle lifecycle, Related related) {
    this.processing = processing;
    this.lifecycle = lifecycle;
    this.related = related;
  }

  ApiResponse update(OperationContext ctx) {
    JsonNode requested = ctx.body().attributes();
    return GenericWrites.update(ctx, (tx, build, merged) -> {
      JsonNode before = build.attributes().path("usesNonExemptEncryption");
      JsonNode asked = requested.path("usesNonExemptEncryption");
      if (asked.isBoolean() && before.isBoolean() && asked.asBoolean() != before.asBoolean()) {
        throw new ApiException(Errors.attributeInvalid("You cannot update when the value is already set.",
            "/data/attributes/usesNonExemptEncryption"));
      }
      if (build.attributes().path("expired").asBoolean(false)) {
        merged.put("expired", true); // an expired build cannot come back
      } else if (requested.path("expired").asBoolean(false)) {
        processing.expireNow(tx, build);
        return;
      }
      if (asked.isBoolean() && !before.isBoolean()) {
        Resource detail = related.one(tx, build, "buildBetaDetail").orElse(null);
        if (detail != null && "MISSING_EXPORT_COMPLIANCE".equals(detail.attributes().path("internalBuildState").asText())) {
          lifecycle.changeBeta(tx, build, "READY_FOR_BETA_TESTING", "READY_FOR_BETA_SUBMISSION");
        }
      }
    });
  }
}
