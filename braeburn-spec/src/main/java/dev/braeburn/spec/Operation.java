package dev.braeburn.spec;

import java.util.List;
import java.util.Map;

/**
 * One operation of the spec: method and path template, its kind, the resource type of the path,
 * the relationship (for related and relationship paths), query parameters by name, the request
 * body schema (or null), the success response, and the required parameters (derived).
 */
public record Operation(
    String id,
    String method,
    String path,
    OperationKind kind,
    String type,
    String relationship,
    boolean deprecated,
    Map<String, Parameter> parameters,
    String bodySchema,
    SuccessResponse success,
    List<Parameter> requiredParameters) {

  /** {@code requiredParameters} is derived from {@code parameters} once, not on every request. */
  public Operation(
      String id,
      String method,
      String path,
      OperationKind kind,
      String type,
      String relationship,
      boolean deprecated,
      Map<String, Parameter> parameters,
      String bodySchema,
      SuccessResponse success) {
    this(id, method, path, kind, type, relationship, deprecated, parameters, bodySchema, success,
        parameters.values().stream().filter(Parameter::required).toList());
  }

  public Parameter parameter(String name) {
    return parameters.get(name);
  }

  /** The API version segment: v1, v2 or v3. */
  public String version() {
    return path.substring(1, path.indexOf('/', 1));
  }

  /** Whether the success document's {@code data} is an array (lists and to-many linkages). */
  public boolean returnsList(Spec spec) {
    if (success.schema() == null) {
      return false;
    }
    Schema data = spec.schema(success.schema()).property("data");
    return data != null && data.isArray();
  }
}
