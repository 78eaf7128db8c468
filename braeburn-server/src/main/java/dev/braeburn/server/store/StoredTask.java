package dev.braeburn.server.store;

import java.time.Instant;

/**
 * Scheduled work as a snapshot carries it: owning team, kind, when it is due (server time), failed
 * runs so far and the payload as JSON object text. No id and no lease: a store assigns its own, and
 * a loaded task is free for any instance to run.
 */
public record StoredTask(String issuerId, String kind, Instant dueAt, int attempt, String payloadJson) {}
