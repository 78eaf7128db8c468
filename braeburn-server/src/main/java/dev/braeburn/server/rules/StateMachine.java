package dev.braeburn.server.rules;

import java.util.Map;
import java.util.Set;

/**
 * A state attribute's transitions — which state may follow which — and an optional mirror: a
 * second attribute kept in step through a mapping (Apple's deprecated {@code appStoreState} follows
 * {@code appVersionState}, review-pipeline.md §4.2).
 */
public record StateMachine(String attribute, Map<String, Set<String>> transitions, String mirror, Map<String, String> mirrorMap,
    String why) {

  boolean allows(String from, String to) {
    return from == null || from.equals(to) || transitions.getOrDefault(from, Set.of()).contains(to);
  }
}
