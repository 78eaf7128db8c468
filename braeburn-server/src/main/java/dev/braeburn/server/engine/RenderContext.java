package dev.braeburn.server.engine;

import java.util.Map;
import java.util.Set;

/**
 * Per-request rendering inputs: absolute base URL, API version of the path, sparse fieldsets, and
 * the {@code undocumentedValues} quirk when it is on for the document (null otherwise).
 */
public record RenderContext(String baseUrl, String version, Map<String, Set<String>> fields, UndocumentedValues undocumented) {
  public RenderContext(String baseUrl, String version, Map<String, Set<String>> fields) {
    this(baseUrl, version, fields, null);
  }

  RenderContext with(UndocumentedValues quirk) {
    return quirk == null ? this : new RenderContext(baseUrl, version, fields, quirk);
  }
}
