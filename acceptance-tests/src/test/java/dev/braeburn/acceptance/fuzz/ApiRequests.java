package dev.braeburn.acceptance.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The well-formed request of an operation that the mutations start from: team A's primary
 * resource in the path, the required query parameters with values that point at team A's data,
 * the valid body of the request schema, and team A's Admin token.
 */
final class ApiRequests {
  private ApiRequests() {}

  static FuzzRequest base(FuzzWorld world, Operation op) {
    return base(world, op, path(world, op, world.teamA.idFor(op.type())));
  }

  static FuzzRequest base(FuzzWorld world, Operation op, String path) {
    List<FuzzRequest.Header> headers = new ArrayList<>();
    headers.add(new FuzzRequest.Header("Authorization", "Bearer " + world.token()));
    ObjectNode body = world.bodies.body(op, world.teamA.idFor(op.type()));
    if (body != null) {
      headers.add(new FuzzRequest.Header("Content-Type", "application/json"));
    }
    String schema = op.success().isJson() ? op.success().schema() : null;
    return new FuzzRequest(op.method(), path + query(world, op), headers,
        body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), FuzzRequest.Surface.API, schema, op.id());
  }

  static String path(FuzzWorld world, Operation op, String id) {
    return op.path().replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** {@code ?…} with the required parameters only (empty when there are none). */
  static String query(FuzzWorld world, Operation op) {
    StringBuilder q = new StringBuilder();
    for (Parameter p : op.requiredParameters()) {
      q.append(q.isEmpty() ? "?" : "&").append(p.name()).append('=')
          .append(URLEncoder.encode(world.teamA.queryValue(op, p), StandardCharsets.UTF_8));
    }
    return q.toString();
  }
}
