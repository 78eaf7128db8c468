package dev.braeburn.server.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.auth.AuthenticationException;
import dev.braeburn.server.auth.Principal;
import dev.braeburn.server.auth.TokenVerifier;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.server.jsonapi.QueryString;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of the public API, in Apple's order of checks (protocol.md §4.5):
 * authenticate → route → validate query → validate body → dispatch to the operation's handler
 * (a family's, or the generic one) → render. Every failure is an Apple-format error; an
 * unexpected exception is Apple's 500, logged, never a stack trace on the wire.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  /** Diagnosis of rejections, sent unless the server runs with {@code --strict-wire}. */
  public static final String DIAGNOSIS_HEADER = "X-Braeburn-Diagnosis";

  private final Router router;
  private final QueryValidator queries = new QueryValidator();
  private final BodyValidator bodies;
  private final HandlerRegistry registry;
  private final TokenVerifier tokens;
  private final EngineServices services;
  private final ErrorWriter errors;
  private final boolean diagnose;

  public Engine(EngineServices services, HandlerRegistry registry, TokenVerifier tokens, boolean diagnose) {
    this.services = services;
    this.registry = registry;
    this.tokens = tokens;
    this.diagnose = diagnose;
    this.router = new Router(services.model().spec());
    this.bodies = new BodyValidator(services.model().spec(), services.mapper());
    this.errors = new ErrorWriter(services.mapper());
  }

  public ApiResponse handle(ApiRequest request) {
    try {
      Principal principal = tokens.verify(request.header("authorization"));
      return dispatch(request, principal);
    } catch (AuthenticationException e) {
      ApiResponse response = errors.render(List.of(Errors.notAuthorized()));
      return diagnose ? response.withHeader(DIAGNOSIS_HEADER, e.getMessage()) : response;
    } catch (ApiException e) {
      return errors.render(e);
    } catch (RuntimeException e) {
      LOG.error("unexpected failure on {} {}", request.method(), request.path(), e);
      return errors.render(List.of(Errors.unexpected()));
    }
  }

  private ApiResponse dispatch(ApiRequest request, Principal principal) {
    Route route = router.route(request.method(), request.path());
    Operation op = route.operation();
    Query query = queries.validate(op, QueryString.parse(request.query()), op.returnsList(services.model().spec()));
    RequestDocument body = null;
    if (op.bodySchema() != null) {
      checkContentType(request);
      body = bodies.validate(op, op.kind() == OperationKind.UPDATE ? route.id() : null, request.body());
    }
    OperationContext ctx = new OperationContext(request, route, query, body, principal.issuerId(), services);
    OperationHandler custom = registry.get(op.id());
    return custom != null ? custom.handle(ctx) : generic(op).handle(ctx);
  }

  private static void checkContentType(ApiRequest request) {
    String type = request.header("content-type");
    if (type == null) {
      return; // several clients omit it on bodies; Apple's 415 is for a wrong type, not a missing one
    }
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.equals("application/vnd.api+json")) {
      throw new ApiException(Errors.unsupportedMediaType(type));
    }
  }

  static OperationHandler generic(Operation op) {
    if (!op.success().isJson()) {
      return GenericReads::noReport;
    }
    return switch (op.kind()) {
      case GET_COLLECTION -> GenericReads::collection;
      case GET_INSTANCE -> GenericReads::instance;
      case GET_RELATED -> GenericReads::related;
      case GET_RELATIONSHIP -> GenericReads::relationshipLinkage;
      case GET_METRICS -> GenericReads::metrics;
      case CREATE -> GenericWrites::create;
      case UPDATE -> GenericWrites::update;
      case DELETE -> GenericWrites::delete;
      case CREATE_RELATIONSHIP, UPDATE_RELATIONSHIP, DELETE_RELATIONSHIP -> GenericWrites::changeRelationship;
    };
  }

  public static ObjectMapper mapper() {
    return new ObjectMapper();
  }
}
