package dev.braeburn.server.store;

/**
 * A fault rule as stored (issue 17): its id, its JSON document, and its counters — requests it
 * matched and faults it injected — which live in the store so instances sharing a database spend a
 * rule's count once between them.
 */
public record StoredFaultRule(String id, String rule, long matched, long injected) {}
