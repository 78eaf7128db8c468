package dev.braeburn.server.store;

import java.time.Instant;

/**
 * A resource row as a snapshot carries it: owning team, type, id, the attributes as JSON object
 * text and its timestamps. No {@code seq}: a store assigns its own, in the order rows arrive.
 */
public record StoredResource(String issuerId, String type, String id, String attributesJson, Instant createdAt, Instant updatedAt) {}
