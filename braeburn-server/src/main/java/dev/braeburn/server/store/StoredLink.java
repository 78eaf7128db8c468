package dev.braeburn.server.store;

/**
 * One directed edge as a snapshot carries it: the target by type and id rather than by the
 * store's {@code seq}, which another database (or a reload) assigns differently.
 */
public record StoredLink(String issuerId, String sourceType, String sourceId, String relation, String targetType, String targetId) {}
