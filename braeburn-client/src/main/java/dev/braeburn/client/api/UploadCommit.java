package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The PATCH that ends an upload, in the shape Apple documents per type: asset types
 * (appScreenshots, appPreviews, routingAppCoverages, …) take {@code sourceFileChecksum}, the MD5 in
 * hex; {@code buildUploadFiles} take {@code sourceFileChecksums: {file: {hash, algorithm: "MD5"}}}
 * (the live service refuses SHA_256 there, so MD5 it is for both).
 */
final class UploadCommit {
  static final String BUILD_UPLOAD_FILES = "buildUploadFiles";

  private UploadCommit() {}

  static ObjectNode body(String type, String id, String md5Hex) {
    ObjectNode attributes = JsonApiBody.attributes().put("uploaded", true);
    if (BUILD_UPLOAD_FILES.equals(type)) {
      attributes.putObject("sourceFileChecksums").putObject("file").put("hash", md5Hex).put("algorithm", "MD5");
    } else {
      attributes.put("sourceFileChecksum", md5Hex);
    }
    return JsonApiBody.of(type, id, attributes, Map.of());
  }
}
