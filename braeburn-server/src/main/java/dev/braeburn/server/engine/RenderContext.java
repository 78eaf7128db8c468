package dev.braeburn.server.engine;

import java.util.Map;
import java.util.Set;

/** Per-request rendering inputs: absolute base URL, API version of the path, sparse fieldsets. */
public record RenderContext(String baseUrl, String version, Map<String, Set<String>> fields) {}
