package dev.braeburn.spec;

/**
 * What an operation does, derived from its path shape and method. The names of the first ten are
 * the operation vocabulary Apple uses in its 403 "does not allow" errors (GET_COLLECTION, CREATE,
 * …), so {@link #name()} is wire data for those.
 */
public enum OperationKind {
  GET_COLLECTION,
  GET_INSTANCE,
  CREATE,
  UPDATE,
  DELETE,
  GET_RELATED,
  GET_RELATIONSHIP,
  CREATE_RELATIONSHIP,
  UPDATE_RELATIONSHIP,
  DELETE_RELATIONSHIP,
  GET_METRICS;

  /** The kind for a method on a path shape, or null when the shape does not offer that verb. */
  public static OperationKind of(String method, PathShape shape) {
    return switch (shape) {
      case COLLECTION -> switch (method) {
        case "GET" -> GET_COLLECTION;
        case "POST" -> CREATE;
        default -> null;
      };
      case INSTANCE -> switch (method) {
        case "GET" -> GET_INSTANCE;
        case "PATCH" -> UPDATE;
        case "DELETE" -> DELETE;
        default -> null;
      };
      case RELATED -> "GET".equals(method) ? GET_RELATED : null;
      case RELATIONSHIP -> switch (method) {
        case "GET" -> GET_RELATIONSHIP;
        case "POST" -> CREATE_RELATIONSHIP;
        case "PATCH" -> UPDATE_RELATIONSHIP;
        case "DELETE" -> DELETE_RELATIONSHIP;
        default -> null;
      };
      case METRICS -> "GET".equals(method) ? GET_METRICS : null;
    };
  }

  public boolean isRead() {
    return this == GET_COLLECTION
        || this == GET_INSTANCE
        || this == GET_RELATED
        || this == GET_RELATIONSHIP
        || this == GET_METRICS;
  }
}
