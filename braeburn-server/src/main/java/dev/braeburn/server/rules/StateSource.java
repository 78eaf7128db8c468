package dev.braeburn.server.rules;

import java.util.Arrays;
import java.util.List;

/**
 * Where a rule reads the state it depends on: an attribute of the resource itself
 * ({@code appVersionState}), or at the end of a path of to-one relationships
 * ({@code appScreenshotSet.appStoreVersionLocalization.appStoreVersion.appVersionState}). The
 * attribute may be a fact ({@code @released}): a state the table derives from related resources.
 */
public record StateSource(List<String> path, String attribute) {

  static StateSource parse(String text) {
    List<String> parts = Arrays.asList(text.split("\\."));
    return new StateSource(List.copyOf(parts.subList(0, parts.size() - 1)), parts.getLast());
  }

  boolean own() {
    return path.isEmpty();
  }

  /** The first hop: for rows that read a direct parent only (initial values). */
  String relationship() {
    return path.isEmpty() ? null : path.getFirst();
  }

  /** Whether the attribute is a {@link Fact} ({@code @name}) rather than a stored attribute. */
  boolean fact() {
    return attribute.startsWith("@");
  }

  @Override
  public String toString() {
    return own() ? attribute : String.join(".", path) + "." + attribute;
  }
}
