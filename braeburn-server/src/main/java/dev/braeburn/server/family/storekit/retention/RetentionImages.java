package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;

/**
 * Upload Image, Delete Image, Get Image List (server-api.md §1.7): a raw PNG per {@code imageIdentifier},
 * kept as its facts (size class, pixels, bytes), not its pixels. Apple documents PNG without
 * transparency, at most 2000 images per app and a full-size width of 3840 with a height of 160..2160;
 * the bullet-point size is inferred (retention.json).
 */
final class RetentionImages {
  static final long INVALID_IMAGE = 4000161;
  static final long BAD_IMAGE_SIZE = 4000216;
  static final long MAX_IMAGES = 4030014;
  static final long IMAGE_IN_USE = 4030019;
  static final long IMAGE_NOT_FOUND = 4040014;
  static final long IMAGE_EXISTS = 4090000;

  private final RetentionParts parts;

  RetentionImages(RetentionParts parts) {
    this.parts = parts;
  }

  ApiResponse upload(StoreKitCall call) {
    String id = RetentionScope.uuid(call, "imageIdentifier");
    String size = call.queryOne("imageSize") == null ? parts.rules().defaultImageSize() : call.queryOne("imageSize");
    RetentionRules.ImageBounds bounds = parts.rules().imageSizes().get(size);
    if (bounds == null) {
      throw new StoreKitException(BAD_IMAGE_SIZE, "imageSize must be one of " + parts.rules().imageSizes().keySet() + "; got '" + size + "'");
    }
    byte[] bytes = call.request().body();
    Png png = Png.read(bytes).orElseThrow(() -> new StoreKitException(INVALID_IMAGE,
        "the body must be the raw bytes of a PNG file (Content-Type: image/png); these " + (bytes == null ? 0 : bytes.length) + " bytes are not one"));
    if (png.transparent()) {
      throw new StoreKitException(INVALID_IMAGE, "Apple accepts only images without transparency; this PNG has an alpha channel or a tRNS chunk");
    }
    if (!bounds.fits(png.width(), png.height())) {
      throw new StoreKitException(BAD_IMAGE_SIZE, "a " + size + " image must be " + bounds.describe() + "; this PNG is "
          + png.width() + " × " + png.height());
    }
    RetentionScope scope = RetentionScope.of(call);
    parts.store().write(call.teamId(), tx -> {
      if (tx.find(RetentionScope.IMAGES, scope.id(id)).isPresent()) {
        throw new StoreKitException(IMAGE_EXISTS, "image " + id + " was already uploaded for this app; delete it first or choose another imageIdentifier");
      }
      if (scope.count(tx, RetentionScope.IMAGES) >= parts.rules().maxImages()) {
        throw new StoreKitException(MAX_IMAGES, "this app already has " + parts.rules().maxImages() + " images in " + scope.environment().wire()
            + ", Apple's maximum; delete one first");
      }
      ObjectNode row = scope.tag(parts.mapper().createObjectNode().put("imageIdentifier", id).put("imageState", RetentionReview.PENDING)
          .put("imageSize", size).put("width", png.width()).put("height", png.height()).put("bytes", bytes.length)
          .put("uploadedDate", parts.clock().millis()));
      parts.review().submit(tx, RetentionScope.IMAGES, scope.id(id), row);
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse delete(StoreKitCall call) {
    String id = RetentionScope.uuid(call, "imageIdentifier");
    RetentionScope scope = RetentionScope.of(call);
    parts.store().write(call.teamId(), tx -> {
      if (tx.find(RetentionScope.IMAGES, scope.id(id)).isEmpty()) {
        throw new StoreKitException(IMAGE_NOT_FOUND, "this app has no image " + id + " in " + scope.environment().wire());
      }
      for (Resource message : scope.list(tx, RetentionScope.MESSAGES)) {
        if (RetentionMessages.imagesOf(message.attributes()).contains(id)) {
          throw new StoreKitException(IMAGE_IN_USE, "image " + id + " is used by message " + message.attributes().path("messageIdentifier").asText()
              + "; delete that message first");
        }
      }
      tx.delete(RetentionScope.IMAGES, scope.id(id));
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse list(StoreKitCall call) {
    RetentionScope scope = RetentionScope.of(call);
    ArrayNode items = parts.mapper().createArrayNode();
    parts.store().read(call.teamId(), tx -> {
      scope.list(tx, RetentionScope.IMAGES).forEach(r -> items.addObject().put("imageIdentifier", r.attributes().path("imageIdentifier").asText())
          .put("imageState", r.attributes().path("imageState").asText()).put("imageSize", r.attributes().path("imageSize").asText()));
      return null;
    });
    return RetentionScope.json(parts.mapper(), parts.mapper().createObjectNode().set("imageIdentifiers", items));
  }
}
