package dev.braeburn.server.engine;

import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import dev.braeburn.spec.PathShape;
import dev.braeburn.spec.Spec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches method + path to a spec operation. Unknown paths are 404 {@code PATH_ERROR}; a known
 * resource or relationship asked for a verb it does not offer is Apple's 403 "does not allow"
 * listing the allowed operations alphabetically; a verb no path of that shape takes (PUT, PATCH on
 * a collection) is 405 (protocol.md §2.3.2, §4.3).
 */
public final class Router {
  /** All paths of one {@code /vN/segment}, grouped by shape. */
  private static final class Family {
    final String type;
    final Map<String, Operation> collection = new HashMap<>();
    final Map<String, Operation> instance = new HashMap<>();
    final Map<String, Map<String, Operation>> related = new HashMap<>();
    final Map<String, Map<String, Operation>> relationships = new HashMap<>();
    final Map<String, Map<String, Operation>> metrics = new HashMap<>();

    Family(String type) {
      this.type = type;
    }
  }

  private final Spec spec;
  private final Map<String, Family> families = new HashMap<>();

  public Router(Spec spec) {
    this.spec = spec;
    for (Operation op : spec.operations()) {
      List<String> segments = List.of(op.path().substring(1).split("/"));
      Family family = families.computeIfAbsent(segments.get(0) + "/" + segments.get(1), k -> new Family(op.type()));
      PathShape shape = PathShape.of(segments);
      Map<String, Operation> byMethod =
          switch (shape) {
            case COLLECTION -> family.collection;
            case INSTANCE -> family.instance;
            case RELATED -> family.related.computeIfAbsent(segments.get(3), k -> new HashMap<>());
            case RELATIONSHIP -> family.relationships.computeIfAbsent(segments.get(4), k -> new HashMap<>());
            case METRICS -> family.metrics.computeIfAbsent(segments.get(4), k -> new HashMap<>());
          };
      byMethod.put(op.method(), op);
    }
  }

  public Route route(String method, String rawPath) {
    if (rawPath.length() < 2 || rawPath.endsWith("/") || rawPath.contains("//")) {
      throw new ApiException(Errors.pathError(rawPath));
    }
    String[] segments = rawPath.substring(1).split("/");
    Family family = segments.length < 2 ? null : families.get(segments[0] + "/" + segments[1]);
    PathShape shape = PathShape.of(List.of(segments));
    if (family == null || shape == null) {
      throw new ApiException(Errors.pathError(rawPath));
    }
    String id = segments.length > 2 ? decode(segments[2], rawPath) : null;
    return switch (shape) {
      case COLLECTION -> resourceRoute(family, family.collection, shape, method, rawPath, null);
      case INSTANCE -> resourceRoute(family, family.instance, shape, method, rawPath, id);
      case RELATED -> relationRoute(family, family.related, segments[3], shape, method, rawPath, id);
      case RELATIONSHIP -> relationRoute(family, family.relationships, segments[4], shape, method, rawPath, id);
      case METRICS -> {
        Map<String, Operation> ops = family.metrics.get(segments[4]);
        if (ops == null) {
          throw new ApiException(Errors.pathError(rawPath));
        }
        yield found(ops, shape, method, rawPath, id, "relationship", segments[4], List::of);
      }
    };
  }

  private Route resourceRoute(
      Family family, Map<String, Operation> ops, PathShape shape, String method, String rawPath, String id) {
    return found(ops, shape, method, rawPath, id, "resource", family.type, () -> {
      TreeSet<String> allowed = new TreeSet<>();
      family.collection.values().forEach(op -> allowed.add(op.kind().name()));
      family.instance.values().forEach(op -> allowed.add(op.kind().name()));
      return List.copyOf(allowed);
    });
  }

  private Route relationRoute(
      Family family,
      Map<String, Map<String, Operation>> byName,
      String name,
      PathShape shape,
      String method,
      String rawPath,
      String id) {
    Map<String, Operation> ops = byName.get(name);
    if (ops == null) {
      boolean known =
          family.related.containsKey(name)
              || family.relationships.containsKey(name)
              || (spec.resourceType(family.type) != null && spec.resourceType(family.type).relationship(name) != null);
      if (!known) {
        throw new ApiException(Errors.unknownRelationship(name));
      }
      ops = Map.of();
    }
    return found(ops, shape, method, rawPath, id, "relationship", name, () -> {
      TreeSet<String> allowed = new TreeSet<>();
      family.related.getOrDefault(name, Map.of()).values().forEach(op -> allowed.add(op.kind().name()));
      family.relationships.getOrDefault(name, Map.of()).values().forEach(op -> allowed.add(op.kind().name()));
      return List.copyOf(allowed);
    });
  }

  private static Route found(
      Map<String, Operation> ops,
      PathShape shape,
      String method,
      String rawPath,
      String id,
      String subject,
      String name,
      java.util.function.Supplier<List<String>> allowed) {
    Operation op = ops.get(method);
    if (op != null) {
      return new Route(op, id);
    }
    OperationKind kind = OperationKind.of(method, shape);
    if (kind == null) {
      throw new ApiException(Errors.methodNotAllowed(method, rawPath));
    }
    throw new ApiException(Errors.operationNotAllowed(subject, name, kind.name(), allowed.get())); // only refusals list what is allowed
  }

  private static String decode(String segment, String rawPath) {
    try {
      String id = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
      if (id.isBlank()) {
        throw new ApiException(Errors.pathError(rawPath));
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new ApiException(Errors.pathError(rawPath));
    }
  }
}
