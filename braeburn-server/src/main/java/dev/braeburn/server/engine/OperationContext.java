package dev.braeburn.server.engine;

import dev.braeburn.server.auth.Principal;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.server.quirks.AppliedQuirks;
import dev.braeburn.spec.Operation;

/**
 * Everything a handler needs about one request, already authenticated, routed and validated, and the
 * quirks it met ({@link AppliedQuirks}: the engine journals them and adds their latency).
 */
public record OperationContext(
    ApiRequest request, Route route, Query query, RequestDocument body, Principal principal, EngineServices services,
    AppliedQuirks quirks) {

  public OperationContext(ApiRequest request, Route route, Query query, RequestDocument body, Principal principal, EngineServices services) {
    this(request, route, query, body, principal, services, new AppliedQuirks());
  }

  /** The caller's team: every store access of the request is scoped to it. */
  public String teamId() {
    return principal.issuerId();
  }

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
