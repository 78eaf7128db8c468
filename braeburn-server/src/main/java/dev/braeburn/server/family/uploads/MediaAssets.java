package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.AssetChanges;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.store.UploadStore;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;

/**
 * The reservation-style assets of protocol.md §6.1 other than build files — appScreenshots,
 * appPreviews, review attachments, Game Center and IAP images … — with the same machinery as
 * build uploads (§6.2): the create reserves the file and answers upload operations
 * ({@code UploadOperation}: method, url, length, offset, requestHeaders with the file's MIME type);
 * {@code PATCH {uploaded: true, sourceFileChecksum?}} commits it (UPLOAD_COMPLETE, or FAILED with
 * CHECKSUM_MISMATCH); {@value #PROCESS} a minute later makes it COMPLETE — for image assets only
 * when ImageIO can read the file, which then gets an {@code imageAsset} served under
 * {@code /_assets/} — or FAILED ({@code IMAGE_TOOL_FAILURE}, inferred code). Each of these steps
 * tells {@link AssetChanges} in its transaction (the commerce family judges products on it).
 */
final class MediaAssets {
  static final String PROCESS = "uploads.media.process";
  static final Duration PROCESSING_DELAY = Duration.ofMinutes(1);
  /** Types with {@code assetDeliveryState} and plain upload operations; build and background-asset files have their own shape. */
  private static final Set<String> TYPES = Set.of("appScreenshots", "appPreviews", "appEventScreenshots", "appEventVideoClips",
      "appClipHeaderImages", "appClipAdvancedExperienceImages", "appStoreReviewAttachments", "routingAppCoverages",
      "appEncryptionDeclarationDocuments", "gameCenterAchievementImages", "gameCenterActivityImages", "gameCenterChallengeImages",
      "gameCenterLeaderboardImages", "gameCenterLeaderboardSetImages", "inAppPurchaseAppStoreReviewScreenshots",
      "subscriptionAppStoreReviewScreenshots", "inAppPurchaseImages", "subscriptionImages");

  private final EngineServices services;
  private final Reservations reservations;
  private final Commits commits;
  private final BuildLifecycle lifecycle;
  private final AssetImages images;
  private final AssetChanges changes;

  MediaAssets(EngineServices services, Reservations reservations, Commits commits, BuildLifecycle lifecycle, AssetImages images,
      AssetChanges changes) {
    this.services = services;
    this.reservations = reservations;
    this.commits = commits;
    this.lifecycle = lifecycle;
    this.images = images;
    this.changes = changes;
  }

  /** Registers create and update of every reservation type no other family has taken. */
  void register(HandlerRegistry handlers) {
    for (Operation op : services.model().spec().operations()) {
      if (!TYPES.contains(op.type()) || handlers.isCustom(op.id())) {
        continue;
      }
      if (op.kind() == OperationKind.CREATE) {
        handlers.register(op.id(), this::create);
      } else if (op.kind() == OperationKind.UPDATE) {
        handlers.register(op.id(), this::update);
      }
    }
  }

  ApiResponse create(OperationContext ctx) {
    String type = ctx.body().type();
    long size = Reservations.fileSize(ctx.body().attributes(),
        has(type, "imageAsset") ? Reservations.MAX_IMAGE_FILE_SIZE : Reservations.MAX_FILE_SIZE);
    return GenericWrites.create(ctx, (tx, asset) -> {
      String fileName = asset.attributes().path("fileName").asText();
      ArrayNode operations = reservations.reserve(tx, asset, size, Reservations.contentType(fileName), ctx.request().baseUrl(),
          Reservations.Shape.MEDIA);
      ObjectNode attributes = asset.attributes().deepCopy();
      attributes.set("uploadOperations", operations);
      attributes.set("assetDeliveryState", lifecycle.deliveryState("AWAITING_UPLOAD", null));
      if (has(asset.type(), "assetToken")) {
        attributes.put("assetToken", "PurpleSource/v4/" + asset.id() + "/" + fileName);
      }
      changes.changing(tx, asset, attributes);
      tx.updateAttributes(asset, attributes);
    });
  }

  ApiResponse update(OperationContext ctx) {
    JsonNode requested = ctx.body().attributes();
    String baseUrl = ctx.request().baseUrl();
    return GenericWrites.update(ctx, (tx, asset, merged) -> {
      merged.remove("uploaded");
      if (!requested.path("uploaded").asBoolean(false)) {
        return;
      }
      String md5 = commits.commit(tx, asset).md5();
      String hash = merged.path("sourceFileChecksum").asText(null);
      if (hash != null && !hash.equalsIgnoreCase(md5)) {
        merged.set("assetDeliveryState", lifecycle.deliveryState("FAILED", lifecycle.problem("CHECKSUM_MISMATCH",
            "The MD5 checksum of the uploaded file (" + md5 + ") does not match sourceFileChecksum (" + hash + ").")));
        changes.changing(tx, asset, merged);
        return;
      }
      merged.set("assetDeliveryState", lifecycle.deliveryState("UPLOAD_COMPLETE", null));
      changes.changing(tx, asset, merged);
      ObjectNode payload = services.mapper().createObjectNode().put("type", asset.type()).put("id", asset.id()).put("baseUrl", baseUrl);
      services.scheduler().schedule(tx, PROCESS, services.clock().instant().plus(PROCESSING_DELAY), payload);
    });
  }

  void process(ScheduledTask task, TaskRun run) {
    services.store().write(task.teamId(), tx -> {
      run.complete(tx);
      Resource asset = tx.find(task.payload().path("type").asText(), task.payload().path("id").asText()).orElse(null);
      if (asset == null || !"UPLOAD_COMPLETE".equals(asset.attributes().path("assetDeliveryState").path("state").asText())) {
        return null;
      }
      ObjectNode attributes = asset.attributes().deepCopy();
      if (has(asset.type(), "imageAsset")) {
        UploadStore.StoredFile file = services.store().uploads().byAsset(tx, UploadStore.UPLOAD, asset.type(), asset.id()).orElseThrow();
        byte[] bytes = readAll(services.store().uploads().open(tx, file.token()));
        BufferedImage image = ImageRendering.decode(bytes);
        if (image == null) {
          attributes.set("assetDeliveryState", lifecycle.deliveryState("FAILED", lifecycle.problem("IMAGE_TOOL_FAILURE",
              "The file '" + asset.attributes().path("fileName").asText() + "' is not an image that can be read.")));
          changes.changing(tx, asset, attributes);
          tx.updateAttributes(asset, attributes);
          return null;
        }
        attributes.set("imageAsset", images.publish(tx, asset.type(), asset.id(), bytes, image.getWidth(), image.getHeight(),
            asset.attributes().path("fileName").asText(), task.payload().path("baseUrl").asText()));
        services.store().uploads().deleteParts(tx, file.token()); // the served copy is kept
      }
      attributes.set("assetDeliveryState", lifecycle.deliveryState("COMPLETE", null));
      changes.changing(tx, asset, attributes);
      tx.updateAttributes(asset, attributes);
      return null;
    });
  }

  private boolean has(String type, String attribute) {
    return services.model().attributes(type).containsKey(attribute);
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
