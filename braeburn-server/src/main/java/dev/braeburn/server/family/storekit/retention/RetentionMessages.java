package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.ArrayList;
import java.util.List;

/**
 * Upload Message, Delete Message, Get Message List (server-api.md §1.7): {@code UploadMessageRequestBody}
 * {@code {header, body, image?{imageIdentifier, altText}, headerPosition?, bulletPoints?[{text,
 * imageIdentifier, altText}]}} with the lengths Apple's libraries enforce (retention.json). Images a
 * message names must exist (4040014) and be approved (4030018); a full-size one as its image and
 * bullet-point ones as bullets [INFER].
 */
final class RetentionMessages {
  static final long HEADER_TOO_LONG = 4000162;
  static final long BODY_TOO_LONG = 4000163;
  static final long ALT_TEXT_TOO_LONG = 4000175;
  static final long TOO_MANY_BULLET_POINTS = 4000218;
  static final long BULLET_POINT_TEXT_TOO_LONG = 4000219;
  static final long ABOVE_IMAGE_NEEDS_IMAGE = 4000224;
  static final long MAX_MESSAGES = 4030016;
  static final long IMAGE_NOT_APPROVED = 4030018;
  static final long MESSAGE_NOT_FOUND = 4040015;
  static final long MESSAGE_EXISTS = 4090001;
  private static final List<String> HEADER_POSITIONS = List.of("ABOVE_BODY", "ABOVE_IMAGE");

  private final RetentionParts parts;

  RetentionMessages(RetentionParts parts) {
    this.parts = parts;
  }

  ApiResponse upload(StoreKitCall call) {
    String id = RetentionScope.uuid(call, "messageIdentifier");
    ObjectNode message = validated(call.body());
    RetentionScope scope = RetentionScope.of(call);
    parts.store().write(call.teamId(), tx -> {
      if (tx.find(RetentionScope.MESSAGES, scope.id(id)).isPresent()) {
        throw new StoreKitException(MESSAGE_EXISTS, "message " + id + " was already uploaded for this app; delete it first or choose another messageIdentifier");
      }
      if (scope.count(tx, RetentionScope.MESSAGES) >= parts.rules().maxMessages()) {
        throw new StoreKitException(MAX_MESSAGES, "this app already has " + parts.rules().maxMessages() + " messages in " + scope.environment().wire()
            + " (Braeburn's inferred maximum); delete one first");
      }
      if (message.has("image")) {
        usableImage(tx, scope, message.get("image").get("imageIdentifier").asText(), "FULL_SIZE", "image");
      }
      for (JsonNode bullet : message.path("bulletPoints")) {
        usableImage(tx, scope, bullet.get("imageIdentifier").asText(), "BULLET_POINT", "bulletPoints");
      }
      ObjectNode row = scope.tag(message.put("messageIdentifier", id).put("messageState", RetentionReview.PENDING).put("uploadedDate", parts.clock().millis()));
      parts.review().submit(tx, RetentionScope.MESSAGES, scope.id(id), row);
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse delete(StoreKitCall call) {
    String id = RetentionScope.uuid(call, "messageIdentifier");
    RetentionScope scope = RetentionScope.of(call);
    parts.store().write(call.teamId(), tx -> {
      if (!tx.delete(RetentionScope.MESSAGES, scope.id(id))) {
        throw new StoreKitException(MESSAGE_NOT_FOUND, "this app has no message " + id + " in " + scope.environment().wire());
      }
      // a default that names a deleted message would name nothing: it goes too [INFER]
      scope.list(tx, RetentionScope.DEFAULTS).stream().filter(d -> id.equals(d.attributes().path("messageIdentifier").asText()))
          .forEach(d -> tx.delete(RetentionScope.DEFAULTS, d.id()));
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse list(StoreKitCall call) {
    RetentionScope scope = RetentionScope.of(call);
    ArrayNode items = parts.mapper().createArrayNode();
    parts.store().read(call.teamId(), tx -> {
      scope.list(tx, RetentionScope.MESSAGES).forEach(r -> items.addObject().put("messageIdentifier", r.attributes().path("messageIdentifier").asText())
          .put("messageState", r.attributes().path("messageState").asText()));
      return null;
    });
    return RetentionScope.json(parts.mapper(), parts.mapper().createObjectNode().set("messageIdentifiers", items));
  }

  /** The image identifiers a stored message uses (its image and its bullets' images). */
  static List<String> imagesOf(JsonNode message) {
    List<String> ids = new ArrayList<>();
    if (message.has("image")) {
      ids.add(message.get("image").path("imageIdentifier").asText());
    }
    message.path("bulletPoints").forEach(b -> ids.add(b.path("imageIdentifier").asText()));
    return ids;
  }

  /** The body's rules that need no state, in the order a reader meets the fields; the message to store. */
  private ObjectNode validated(JsonNode body) {
    String header = text(body, "header");
    String text = text(body, "body");
    check(header.length() <= parts.rules().headerMaxLength(), HEADER_TOO_LONG, "header is " + header.length() + " characters; at most " + parts.rules().headerMaxLength());
    check(text.length() <= parts.rules().bodyMaxLength(), BODY_TOO_LONG, "body is " + text.length() + " characters; at most " + parts.rules().bodyMaxLength());
    ObjectNode message = parts.mapper().createObjectNode().put("header", header).put("body", text);
    if (body.hasNonNull("image")) {
      message.set("image", imageReference(body.get("image"), "image"));
    }
    if (body.hasNonNull("headerPosition")) {
      String position = body.get("headerPosition").asText();
      check(HEADER_POSITIONS.contains(position), StoreKitErrors.GENERAL_BAD_REQUEST, "headerPosition must be one of " + HEADER_POSITIONS + "; got '" + position + "'");
      check(!position.equals("ABOVE_IMAGE") || message.has("image"), ABOVE_IMAGE_NEEDS_IMAGE,
          "headerPosition ABOVE_IMAGE puts the header above the message's image, and this message has no image");
      message.put("headerPosition", position);
    }
    if (body.hasNonNull("bulletPoints")) {
      JsonNode bullets = body.get("bulletPoints");
      check(bullets.isArray(), StoreKitErrors.GENERAL_BAD_REQUEST, "bulletPoints must be an array");
      check(bullets.size() <= parts.rules().maxBulletPoints(), TOO_MANY_BULLET_POINTS, "a message has at most " + parts.rules().maxBulletPoints() + " bullet points; got " + bullets.size());
      ArrayNode stored = message.putArray("bulletPoints");
      for (int i = 0; i < bullets.size(); i++) {
        String where = "bulletPoints[" + i + "]";
        String bulletText = text(bullets.get(i), "text");
        check(bulletText.length() <= parts.rules().bulletPointTextMaxLength(), BULLET_POINT_TEXT_TOO_LONG,
            where + ".text is " + bulletText.length() + " characters; at most " + parts.rules().bulletPointTextMaxLength());
        stored.add(imageReference(bullets.get(i), where).put("text", bulletText));
      }
    }
    return message;
  }

  private ObjectNode imageReference(JsonNode node, String where) {
    String image = text(node, "imageIdentifier");
    String altText = text(node, "altText");
    check(RetentionScope.isUuid(image), StoreKitErrors.GENERAL_BAD_REQUEST, where + ".imageIdentifier must be a UUID; got '" + image + "'");
    check(altText.length() <= parts.rules().altTextMaxLength(), ALT_TEXT_TOO_LONG, where + ".altText is " + altText.length() + " characters; at most " + parts.rules().altTextMaxLength());
    return parts.mapper().createObjectNode().put("imageIdentifier", image.toLowerCase(java.util.Locale.ROOT)).put("altText", altText);
  }

  private void usableImage(StoreTx tx, RetentionScope scope, String imageId, String size, String where) {
    Resource image = tx.find(RetentionScope.IMAGES, scope.id(imageId)).orElseThrow(() -> new StoreKitException(RetentionImages.IMAGE_NOT_FOUND,
        where + " names image " + imageId + ", which this app has not uploaded in " + scope.environment().wire()));
    String state = image.attributes().path("imageState").asText();
    check(RetentionReview.APPROVED.equals(state), IMAGE_NOT_APPROVED, where + " names image " + imageId + ", which is " + state
        + "; only an APPROVED image can be used (Braeburn approves " + parts.rules().reviewDelay().toSeconds()
        + " s after the upload on the virtual clock)");
    String actual = image.attributes().path("imageSize").asText();
    check(size.equals(actual), RetentionImages.BAD_IMAGE_SIZE, where + " needs a " + size + " image; image " + imageId + " was uploaded as " + actual);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    check(value != null && value.isTextual(), StoreKitErrors.GENERAL_BAD_REQUEST, field + " is required and must be a string");
    return value.asText();
  }

  static void check(boolean ok, long code, String diagnosis) {
    if (!ok) {
      throw new StoreKitException(code, diagnosis);
    }
  }
}
