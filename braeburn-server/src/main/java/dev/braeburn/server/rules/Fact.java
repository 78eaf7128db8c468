package dev.braeburn.server.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state the table derives instead of storing: {@code then} when any resource reached through
 * {@code any} (to-one hops, then one to-one or to-many relationship) matches one of the
 * {@code where} conditions (attribute → values; several conditions are alternatives) and has the
 * same values as the resource itself for the {@code same} attributes — {@code otherwise} when none
 * does. An app is RELEASED once any of its versions was on the App Store; a version is an UPDATE
 * once another version of its platform was.
 */
public record Fact(String name, String type, List<String> any, List<String> same, List<Map<String, Set<String>>> where, String then,
    String otherwise, String why) {

  /** The two states the fact can be in. */
  public List<String> values() {
    return List.of(then, otherwise);
  }
}
