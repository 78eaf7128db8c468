package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.engine.OperationHandler;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;

/**
 * Screenshot and preview sets (protocol.md §6.2): a localization (of a version, a custom product
 * page or an experiment treatment) has at most one set per display type — a second is "Screenshot
 * Set Already Exists!" — and a set holds at most 10 screenshots ("Too many screenshots (10)",
 * recorded) or 3 previews (App Store Connect's documented limit; its wording inferred). A locale
 * without sets of its own shows the primary locale's on the App Store (review-pipeline.md §3.1);
 * nothing is copied. The screenshot and preview reservations themselves are the uploads family's;
 * the count is checked before its handler runs, in a separate read (two concurrent reservations
 * for the tenth slot could both pass).
 */
final class MediaSets {
  /** The parents a set may belong to (the spec's create relationships). */
  private static final List<String> PARENTS =
      List.of("appStoreVersionLocalization", "appCustomProductPageLocalization", "appStoreVersionExperimentTreatmentLocalization");

  /** One kind of set: screenshots or previews. */
  record Kind(String setType, String displayAttribute, String assetType, String assetToSet, String setToAssets, int max, String noun) {}

  static final Kind SCREENSHOTS =
      new Kind("appScreenshotSets", "screenshotDisplayType", "appScreenshots", "appScreenshotSet", "appScreenshots", 10, "Screenshot");
  static final Kind PREVIEWS = new Kind("appPreviewSets", "previewType", "appPreviews", "appPreviewSet", "appPreviews", 3, "Preview");

  private final Release release;

  MediaSets(Release release) {
    this.release = release;
  }

  /** {@code POST /v1/appScreenshotSets} and {@code POST /v1/appPreviewSets}. */
  ApiResponse createSet(OperationContext ctx, Kind kind) {
    return GenericWrites.create(ctx, (tx, created) -> {
      String display = created.attributes().path(kind.displayAttribute()).asText();
      for (String parentRelation : PARENTS) {
        Resource parent = release.graph().relatedOne(tx, created, parentRelation).orElse(null);
        if (parent == null) {
          continue;
        }
        boolean taken = release.graph().related(tx, parent, kind.setType()).stream()
            .anyMatch(s -> !s.id().equals(created.id()) && display.equals(s.attributes().path(kind.displayAttribute()).asText()));
        if (taken) {
          throw new ApiException(List.of(MetadataErrors.mediaState(kind.noun() + " Set Already Exists!")), parent.type() + " '"
              + parent.id() + "' (" + Localizations.locale(parent) + ") already has a " + kind.setType() + " for " + display
              + "; a localization has one set per display type — add to that set (GET /v1/" + parent.type() + "/" + parent.id() + "/"
              + kind.setType() + "), or delete it first. Code and title inferred; the detail is Apple's.");
        }
      }
    });
  }

  /** Wraps the uploads family's reservation of a screenshot or preview with the per-set limit. */
  OperationHandler limited(OperationHandler reservation, Kind kind) {
    OperationHandler next = reservation == null ? ctx -> GenericWrites.create(ctx, (tx, created) -> {}) : reservation;
    return ctx -> {
      checkRoom(ctx, kind);
      return next.handle(ctx);
    };
  }

  private void checkRoom(OperationContext ctx, Kind kind) {
    JsonNode linkage = ctx.body().relationships().get(kind.assetToSet());
    if (linkage == null || !linkage.path("id").isTextual()) {
      return;
    }
    int count = release.services().store().read(ctx.teamId(), (StoreTx tx) -> tx.find(kind.setType(), linkage.path("id").asText())
        .map(set -> release.graph().related(tx, set, kind.setToAssets()).size()).orElse(0));
    if (count >= kind.max()) {
      String plural = kind.noun().toLowerCase(java.util.Locale.ROOT) + "s";
      throw new ApiException(List.of(MetadataErrors.mediaState("Too many " + plural + " (" + kind.max() + ")")), kind.setType() + " '"
          + linkage.path("id").asText() + "' already holds " + count + " " + plural + ", the most a set takes (" + kind.max()
          + "); delete one (DELETE /v1/" + kind.assetType() + "/{id}) before adding another."
          + (kind == PREVIEWS ? " The wording of this refusal is inferred from the screenshots'." : ""));
    }
  }
}
