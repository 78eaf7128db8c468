package dev.braeburn.server.engine;

import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.spec.Operation;

/** Everything a handler needs about one request, already authenticated, routed and validated. */
public record OperationContext(
    ApiRequest request, Route route, Query query, RequestDocument body, String teamId, EngineServices services) {

  public Operation operation() {
    return route.operation();
  }

  public String id() {
    return route.id();
  }

  public RenderContext renderContext() {
    return new RenderContext(request.baseUrl(), operation().version(), query.fields());
  }
}
