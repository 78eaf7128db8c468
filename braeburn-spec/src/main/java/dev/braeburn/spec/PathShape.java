package dev.braeburn.spec;

import java.util.List;

/**
 * The five shapes every App Store Connect path takes: {@code /v1/T}, {@code /v1/T/{id}}, {@code
 * /v1/T/{id}/R}, {@code /v1/T/{id}/relationships/R} and {@code /v1/T/{id}/metrics/M}.
 */
public enum PathShape {
  COLLECTION,
  INSTANCE,
  RELATED,
  RELATIONSHIP,
  METRICS;

  /** Shape of a path split into segments (without the leading empty one), or null if none fits. */
  public static PathShape of(List<String> segments) {
    return switch (segments.size()) {
      case 2 -> COLLECTION;
      case 3 -> INSTANCE;
      case 4 -> RELATED;
      case 5 -> switch (segments.get(3)) {
        case "relationships" -> RELATIONSHIP;
        case "metrics" -> METRICS;
        default -> null;
      };
      default -> null;
    };
  }
}
