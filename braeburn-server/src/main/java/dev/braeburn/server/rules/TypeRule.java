package dev.braeburn.server.rules;

import java.util.List;
import java.util.Map;

/**
 * Everything the table says of one resource type: the family that owns its behaviour, how each
 * server-set attribute starts, which attributes never change after create, its state machines,
 * its state-dependent permissions for updates, creates (of a child) and deletes, and the longest
 * text each attribute takes.
 */
public record TypeRule(
    String type,
    String owner,
    Map<String, ValueRule> initial,
    Map<String, String> fixed,
    Map<String, StateMachine> states,
    List<StateRule> edits,
    StateRule create,
    StateRule delete,
    Map<String, Limit> limits) {

  static TypeRule empty(String type) {
    return new TypeRule(type, null, Map.of(), Map.of(), Map.of(), List.of(), null, null, Map.of());
  }
}
