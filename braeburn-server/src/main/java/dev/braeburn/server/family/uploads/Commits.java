package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.UploadStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The commit of a reservation ({@code PATCH … uploaded:true}), for every asset kind: the file must
 * be reserved, not committed, not expired, and every part must be there (§6.2 step 4: "after commit
 * no more parts may be uploaded"). Computes the MD5 of the whole file for the checksum comparison.
 */
final class Commits {
  /** A committed file: its MD5 (hex) and the parts as received. */
  record Committed(UploadStore.StoredFile file, String md5, List<UploadStore.Part> parts) {}

  private final UploadStore uploads;
  private final VirtualClock clock;

  Commits(UploadStore uploads, VirtualClock clock) {
    this.uploads = uploads;
    this.clock = clock;
  }

  Committed commit(StoreTx tx, Resource asset) {
    UploadStore.StoredFile file = uploads.byAsset(tx, UploadStore.UPLOAD, asset.type(), asset.id())
        .orElseThrow(() -> UploadErrors.contentNotUploaded("CONTENT_NOT_UPLOADED: no file was reserved for this " + asset.type() + " resource."));
    if (file.committed()) {
      throw UploadErrors.invalidState("The file was already committed.");
    }
    if (clock.instant().isAfter(file.expiresAt())) {
      throw UploadErrors.invalidState("The upload operations expired at " + file.expiresAt() + "; reserve the file again.");
    }
    List<UploadStore.Part> parts = uploads.parts(tx, file.token());
    List<Integer> missing = missingParts(file, parts);
    if (!missing.isEmpty()) {
      throw UploadErrors.contentNotUploaded("CONTENT_NOT_UPLOADED: part(s) " + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + " of " + file.partCount() + " have not been uploaded.");
    }
    uploads.markCommitted(tx, file.token());
    return new Committed(file, md5(tx, file.token()), parts);
  }

  private static List<Integer> missingParts(UploadStore.StoredFile file, List<UploadStore.Part> parts) {
    Map<Integer, Long> received = parts.stream().collect(Collectors.toMap(UploadStore.Part::number, UploadStore.Part::length));
    List<Integer> missing = new ArrayList<>();
    for (int n = 1; n <= file.partCount(); n++) {
      if (!Long.valueOf(file.partLength(n)).equals(received.get(n))) {
        missing.add(n);
      }
    }
    return missing;
  }

  private String md5(StoreTx tx, String token) {
    MessageDigest digest = Tokens.md5();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = uploads.open(tx, token)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The operations with each part's entity tag filled in, as S3 reports it once a part is stored. */
  static JsonNode withEntityTags(JsonNode operations, List<UploadStore.Part> parts) {
    if (!operations.isArray()) {
      return operations;
    }
    Map<Integer, String> tags = parts.stream().collect(Collectors.toMap(UploadStore.Part::number, UploadStore.Part::md5));
    ArrayNode out = ((ArrayNode) operations).deepCopy();
    for (JsonNode op : out) {
      if (op.has("partNumber") && tags.containsKey(op.path("partNumber").asInt())) {
        ((ObjectNode) op).put("entityTag", "\"" + tags.get(op.path("partNumber").asInt()) + "\"");
      }
    }
    return out;
  }
}
