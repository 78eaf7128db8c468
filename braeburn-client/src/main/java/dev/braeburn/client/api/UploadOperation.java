package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One part of a reserved file, as Apple's {@code uploadOperations} describe it: send bytes
 * {@code [offset, offset + length)} of the file with {@code method} to {@code url} (pre-signed: no
 * JWT) and the {@code requestHeaders} given.
 */
public record UploadOperation(String method, String url, long offset, long length, Map<String, String> requestHeaders) {
  public UploadOperation {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("an upload operation needs offset and length of at least 0: " + offset + "/" + length);
    }
    requestHeaders = Map.copyOf(requestHeaders);
  }

  /** The operations of a resource's {@code uploadOperations} attribute (an array; null or missing: none). */
  public static List<UploadOperation> parse(JsonNode uploadOperations) {
    List<UploadOperation> operations = new ArrayList<>();
    if (uploadOperations == null || uploadOperations.isMissingNode() || uploadOperations.isNull()) {
      return operations;
    }
    if (!uploadOperations.isArray()) {
      throw new IllegalArgumentException("uploadOperations is not an array: " + uploadOperations);
    }
    for (JsonNode op : uploadOperations) {
      String url = op.path("url").asText(null);
      if (url == null || !op.path("length").canConvertToLong()) {
        throw new IllegalArgumentException("an upload operation without url or length: " + op);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      op.path("requestHeaders").forEach(h -> headers.put(h.path("name").asText(), h.path("value").asText()));
      operations.add(new UploadOperation(op.path("method").asText("PUT"), url, op.path("offset").asLong(0),
          op.path("length").asLong(), headers));
    }
    return operations;
  }

  /** The byte after this part's last. */
  public long end() {
    return offset + length;
  }
}
