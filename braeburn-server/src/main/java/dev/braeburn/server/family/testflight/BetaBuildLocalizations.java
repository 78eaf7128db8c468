package dev.braeburn.server.family.testflight;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;

/** "What to Test" per locale: one {@code betaBuildLocalizations} per build and locale (a second is 409). */
final class BetaBuildLocalizations {
  private final TestFlight tf;

  BetaBuildLocalizations(TestFlight tf) {
    this.tf = tf;
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      String locale = created.attributes().path("locale").asText();
      Resource build = tf.relatedOne(tx, created, "build").orElse(null);
      if (build == null) {
        return;
      }
      boolean taken = tf.related(tx, build, "betaBuildLocalizations").stream()
          .anyMatch(other -> !other.id().equals(created.id()) && locale.equals(other.attributes().path("locale").asText()));
      if (taken) {
        throw new ApiException(TestFlightErrors.duplicateLocale(locale, build.id()));
      }
    });
  }
}
