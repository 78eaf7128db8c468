package dev.braeburn.client.api;

/** A resource identifier object, {@code {"type":…,"id":…}}, for relationships in create and update bodies. */
public record Ref(String type, String id) {}
