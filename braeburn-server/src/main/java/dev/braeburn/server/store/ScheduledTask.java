package dev.braeburn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Work due at a moment of server (virtual) time, for one team: a state change that takes time at
 * Apple, or a webhook delivery. {@code attempt} counts failed runs.
 */
public record ScheduledTask(long id, String teamId, String kind, Instant dueAt, ObjectNode payload, int attempt) {}
