package dev.braeburn.server.store;

/** A JSON:API resource identifier: {@code {"type": …, "id": …}}. */
public record Linkage(String type, String id) {}
