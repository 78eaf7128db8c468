package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.UploadStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A reservation for any asset (build file, screenshot, preview …): the file size cut into parts, a
 * token and the upload operations a client follows (protocol.md §6.2–6.3). Parts are 5,242,880
 * bytes, the last one the remainder, as recorded for build uploads; the URLs are Braeburn's own
 * ({@code /_uploads/{token}/{partNumber}}, no JWT) and expire after seven days of server time.
 */
final class Reservations {
  static final String PREFIX = "/_uploads/";
  static final long PART_SIZE = 5_242_880L;
  static final Duration LIFETIME = Duration.ofDays(7);
  /**
   * The largest file of a reservation: 8 GiB, 1,639 upload operations. Apple's per-asset limits are
   * not published beyond build uploads of several GB (inferred, generous); what matters is that the
   * operations a reservation answers, and the bytes it may later hold, are bounded before any work.
   */
  static final long MAX_FILE_SIZE = 8L * 1024 * 1024 * 1024;
  /**
   * Image assets are decoded whole in memory when processed ({@link MediaAssets}): 64 MiB, ten
   * times a full-resolution PNG screenshot (inferred).
   */
  static final long MAX_IMAGE_FILE_SIZE = 64L * 1024 * 1024;

  /** The two shapes of an upload operation in the spec. */
  enum Shape {
    /** {@code UploadOperation} (screenshots, previews …): method, url, length, offset, requestHeaders. */
    MEDIA,
    /** {@code DeliveryFileUploadOperation} (build files): adds expiration, partNumber and entityTag. */
    DELIVERY
  }

  private final UploadStore uploads;
  private final VirtualClock clock;
  private final ObjectMapper mapper;

  Reservations(UploadStore uploads, VirtualClock clock, ObjectMapper mapper) {
    this.uploads = uploads;
    this.clock = clock;
    this.mapper = mapper;
  }

  /**
   * The {@code fileSize} of a create request, checked before any work: a whole number from 1 to
   * {@code max}. The spec bounds only the build file's size (1 … 2^53−1) and leaves the others a
   * bare integer, so a size past 64 bits (which Jackson keeps as a BigInteger whose {@code asLong}
   * wraps to a negative number) or a negative one would otherwise cut into billions of parts.
   */
  static long fileSize(JsonNode requestAttributes, long max) {
    JsonNode size = requestAttributes.path("fileSize");
    if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1 || size.longValue() > max) {
      throw UploadErrors.fileSizeOutOfRange(size.isMissingNode() ? "(none)" : size.toString(), max);
    }
    return size.longValue();
  }

  /** Reserves the upload of {@code asset}'s file ({@code fileSize} checked by {@link #fileSize}) in {@code tx}; returns its upload operations. */
  ArrayNode reserve(StoreTx tx, Resource asset, long fileSize, String contentType, String baseUrl, Shape shape) {
    if (fileSize < 1 || fileSize > MAX_FILE_SIZE) {
      throw UploadErrors.fileSizeOutOfRange(Long.toString(fileSize), MAX_FILE_SIZE); // a caller that skipped fileSize()
    }
    Instant expires = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
    UploadStore.StoredFile file = new UploadStore.StoredFile(Tokens.random(), tx.teamId(), UploadStore.UPLOAD, asset.type(), asset.id(),
        fileSize, PART_SIZE, expires, false);
    uploads.create(tx, file);
    return operations(file, contentType, baseUrl, shape);
  }

  private ArrayNode operations(UploadStore.StoredFile file, String contentType, String baseUrl, Shape shape) {
    ArrayNode ops = mapper.createArrayNode();
    for (int part = 1; part <= file.partCount(); part++) {
      ObjectNode op = ops.addObject();
      op.put("method", "PUT");
      op.put("url", baseUrl + PREFIX + file.token() + "/" + part);
      op.put("length", file.partLength(part));
      op.put("offset", (part - 1) * file.partSize());
      op.putArray("requestHeaders").addObject().put("name", "Content-Type").put("value", contentType);
      if (shape == Shape.DELIVERY) {
        op.put("expiration", file.expiresAt().toString());
        op.put("partNumber", part);
        op.putNull("entityTag"); // null until the part is uploaded (§6.3)
      }
    }
    return ops;
  }

  /** The MIME type a client sends a file with, from its name (Apple's screenshot operations say image/png). */
  static String contentType(String fileName) {
    String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".png")) {
      return "image/png";
    }
    if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (name.endsWith(".mov")) {
      return "video/quicktime";
    }
    if (name.endsWith(".mp4") || name.endsWith(".m4v")) {
      return "video/mp4";
    }
    if (name.endsWith(".pdf")) {
      return "application/pdf";
    }
    return "application/octet-stream";
  }
}
