package dev.braeburn.server.engine;

import dev.braeburn.server.auth.AccessDeniedException;
import dev.braeburn.server.auth.AccessGate;
import dev.braeburn.server.auth.Admission;
import dev.braeburn.server.auth.AuthenticationException;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.server.jsonapi.QueryString;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.quirks.AppliedQuirks;
import dev.braeburn.server.quirks.QuirkCache;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of the public API, in Apple's order of checks (protocol.md §4.5): admit
 * (token 401, rate limit 429, agreements 403) → route → role policy 403 → validate query → validate
 * body → dispatch to the operation's handler (a family's, or the generic one) → render. Every
 * failure is an Apple-format error; an unexpected exception is Apple's 500, logged, never a stack
 * trace on the wire. Every request lands in the journal, rejections with their exact reason.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  /** Diagnosis of 401/403/429 rejections and of rule refusals, sent unless the server runs with {@code --strict-wire}. */
  public static final String DIAGNOSIS_HEADER = "X-Braeburn-Diagnosis";
  public static final String RATE_LIMIT_HEADER = "X-Rate-Limit";

  private final Router router;
  private final QueryValidator queries = new QueryValidator();
  private final BodyValidator bodies;
  private final HandlerRegistry registry;
  private final AccessGate gate;
  private final EngineServices services;
  private final ErrorWriter errors;
  private final RequestJournal journal;
  private final boolean diagnose;
  private final QuirkCache quirkCache;

  public Engine(EngineServices services, HandlerRegistry registry, AccessGate gate, RequestJournal journal, boolean diagnose) {
    this.services = services;
    this.registry = registry;
    this.gate = gate;
    this.journal = journal;
    this.diagnose = diagnose;
    this.quirkCache = new QuirkCache(services.store());
    this.router = new Router(services.model().spec());
    this.bodies = new BodyValidator(services.model().spec(), services.mapper());
    this.errors = new ErrorWriter(services.mapper());
  }

  /** What happened to one request, for the response headers and the journal. */
  private record Outcome(ApiResponse response, Admission admission, ApiError error, String diagnosis, String claimedKeyId) {
    Outcome(ApiResponse response, Admission admission, ApiError error, String diagnosis) {
      this(response, admission, error, diagnosis, null);
    }
  }

  public ApiResponse handle(ApiRequest request) {
    long started = System.nanoTime();
    Outcome outcome = process(request);
    ApiResponse response = outcome.response();
    String requestId = RequestIds.next();
    response.withHeader("X-Request-ID", requestId);
    if (outcome.admission() != null && outcome.admission().rate() != null) {
      response.withHeader(RATE_LIMIT_HEADER, outcome.admission().rate().header());
    }
    if (diagnose && outcome.diagnosis() != null && response.status() < 500) { // a 500's cause is for the journal and log only
      response.withHeader(DIAGNOSIS_HEADER, headerSafe(outcome.diagnosis()));
    }
    record(request, requestId, outcome, started);
    return response;
  }

  private Outcome process(ApiRequest request) {
    Admission admission = null;
    try {
      admission = gate.admit(request);
      AppliedQuirks quirks = new AppliedQuirks(quirkCache);
      ApiResponse response = dispatch(request, admission, quirks);
      quirks.waitOutDelay(); // after the transaction: a slow page holds no store lock
      return new Outcome(response, admission, null, quirks.diagnosis());
    } catch (AuthenticationException e) {
      ApiError error = Errors.notAuthorized();
      return new Outcome(errors.render(List.of(error)), null, error, e.getMessage(), e.claimedKeyId());
    } catch (AccessDeniedException e) {
      return new Outcome(errors.render(List.of(e.error())), e.admission(), e.error(), e.getMessage());
    } catch (ApiException e) {
      ApiError first = e.errors().getFirst();
      String diagnosis = e.diagnosis() != null ? e.diagnosis() : first.status() == 403 ? first.detail() : null;
      return new Outcome(errors.render(e), admission, first, diagnosis);
    } catch (RuntimeException | Error e) {
      // an Error too (OutOfMemoryError, StackOverflowError): the stack has unwound and the
      // transaction rolled back, so answering and journaling it is safe and keeps it visible
      LOG.error("unexpected failure on {} {}", request.method(), request.path(), e);
      ApiError error = Errors.unexpected();
      return new Outcome(errors.render(List.of(error)), admission, error, FailSafe.diagnosis(e));
    }
  }

  private ApiResponse dispatch(ApiRequest request, Admission admission, AppliedQuirks quirks) {
    Route route = router.route(request.method(), request.path());
    Operation op = route.operation();
    gate.authorize(admission, op);
    Query query = queries.validate(op, QueryString.parse(request.query()), op.returnsList(services.model().spec()));
    RequestDocument body = null;
    if (op.bodySchema() != null) {
      checkContentType(request);
      body = bodies.validate(op, op.kind() == OperationKind.UPDATE ? route.id() : null, request.body());
    }
    OperationContext ctx = new OperationContext(request, route, query, body, admission.principal(), services, quirks);
    OperationHandler custom = registry.get(op.id());
    return custom != null ? custom.handle(ctx) : generic(op).handle(ctx);
  }

  private void record(ApiRequest request, String requestId, Outcome outcome, long started) {
    var principal = outcome.admission() == null ? null : outcome.admission().principal();
    ApiError error = outcome.error();
    journal.record(new RequestJournal.Entry(requestId, services.clock().instant(), request.method(), request.path(),
        request.query(), outcome.response().status(), principal == null ? null : principal.issuerId(),
        principal != null ? principal.keyId() : outcome.claimedKeyId(), error == null ? null : error.code(),
        outcome.diagnosis() != null ? outcome.diagnosis() : error == null ? null : error.detail(),
        (System.nanoTime() - started) / 1000));
  }

  /** HTTP header values are ISO-8859-1 without line breaks; diagnoses are plain ASCII sentences. */
  public static String headerSafe(String text) {
    return text.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
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
}
