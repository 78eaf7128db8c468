package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.auth.AuthenticationException;
import dev.braeburn.server.auth.RateLimiter;
import dev.braeburn.server.auth.TokenVerifier;
import dev.braeburn.server.auth.VerifiedToken;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.engine.FailSafe;
import dev.braeburn.server.engine.RequestIds;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.journal.RequestJournal;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Store Server API ({@code /inApps/…}, server-api.md §1–2), on Braeburn's port beside the
 * App Store Connect API. Admission in Apple's order: the route (an unknown one is a bare 404), the
 * In-App Purchase key's token (a 401 whose body is not JSON), the {@code bid} claim (400
 * {@code 4000002}), the app it names, the environment (the production host answers 401 for an app
 * never released), the per-app, per-endpoint hourly limit (429 {@code 4290000} with
 * {@code Retry-After} in epoch milliseconds); then the endpoint's handler. Every request lands in
 * the journal, each refusal with its plain reason, also sent as {@code X-Braeburn-Diagnosis}.
 */
public final class StoreKitApi implements RequestHandler {
  public static final String PREFIX = "/inApps/";
  private static final Logger LOG = LoggerFactory.getLogger(StoreKitApi.class);

  private final Endpoints endpoints;
  private final StoreKitHandlers handlers;
  private final TokenVerifier tokens;
  private final RateLimiter limiter;
  private final boolean limits;
  private final Store store;
  private final RequestJournal journal;
  private final VirtualClock clock;
  private final ObjectMapper mapper;
  private final boolean diagnose;

  /** {@code limits}: whether Apple's rate limits apply (off when the server runs without request limits). */
  public StoreKitApi(Endpoints endpoints, StoreKitHandlers handlers, TokenVerifier tokens, RateLimiter limiter, boolean limits,
      Store store, RequestJournal journal, VirtualClock clock, ObjectMapper mapper, boolean diagnose) {
    this.endpoints = endpoints;
    this.handlers = handlers;
    this.tokens = tokens;
    this.limiter = limiter;
    this.limits = limits;
    this.store = store;
    this.journal = journal;
    this.clock = clock;
    this.mapper = mapper;
    this.diagnose = diagnose;
  }

  /** What one request came to, for the headers and the journal. */
  private record Outcome(ApiResponse response, String issuerId, String keyId, String errorCode, String diagnosis) {}

  @Override
  public ApiResponse handle(ApiRequest request) {
    long started = System.nanoTime();
    Outcome outcome = process(request);
    String requestId = RequestIds.next();
    ApiResponse response = outcome.response().withHeader("X-Request-ID", requestId);
    if (diagnose && outcome.diagnosis() != null && response.status() < 500) {
      response.withHeader(Engine.DIAGNOSIS_HEADER, Engine.headerSafe(outcome.diagnosis()));
    }
    journal.record(new RequestJournal.Entry(requestId, clock.instant(), request.method(), request.path(), request.query(),
        response.status(), outcome.issuerId(), outcome.keyId(), outcome.errorCode(), outcome.diagnosis(),
        (System.nanoTime() - started) / 1000));
    return response;
  }

  private Outcome process(ApiRequest request) {
    Endpoints.Match match = endpoints.match(request.method(), request.path()).orElse(null);
    if (match == null) {
      return new Outcome(ApiResponse.noContent(404), null, null, null, "no App Store Server API endpoint answers " + request.method()
          + " " + request.path() + "; Apple answers an unknown route with an empty 404 (server-api.md §1.2)");
    }
    VerifiedToken token;
    try {
      token = tokens.verifyBearer(request.header("authorization"));
    } catch (AuthenticationException e) {
      // Apple's App Store Server API 401 carries no JSON (readdle/app-store-server-api #8, #18; server-api.md §2.2)
      return new Outcome(ApiResponse.text(401, "text/plain", "Unauthenticated"), null, e.claimedKeyId(), "401", e.getMessage());
    }
    String issuerId = token.principal().issuerId();
    String keyId = token.principal().keyId();
    try {
      StoreKitCall call = admit(request, match, token);
      StoreKitHandler handler = handlers.get(match.endpoint().name()).orElseThrow(() -> new StoreKitException(
          StoreKitErrors.GENERAL_INTERNAL, "Braeburn does not serve " + match.endpoint().name() + " yet"));
      return new Outcome(handler.handle(call), issuerId, keyId, null, null);
    } catch (StoreKitException e) {
      return refusal(e, issuerId, keyId);
    } catch (Unauthenticated e) {
      return new Outcome(ApiResponse.text(401, "text/plain", "Unauthenticated"), issuerId, keyId, "401", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure on {} {}", request.method(), request.path(), e);
      return refusal(new StoreKitException(StoreKitErrors.GENERAL_INTERNAL, FailSafe.diagnosis(e)), issuerId, keyId);
    }
  }

  private StoreKitCall admit(ApiRequest request, Endpoints.Match match, VerifiedToken token) {
    String issuerId = token.principal().issuerId();
    String bid = token.bundleId();
    if (bid == null) {
      throw new StoreKitException(StoreKitErrors.INVALID_APP_IDENTIFIER, "the token has no bid claim; App Store Server API tokens name"
          + " the app's bundle ID in bid (an App Store Connect API token has none; F:725963)");
    }
    StoreEnvironment hostEnvironment = StoreEnvironment.ofHost(request.header("host")).orElse(null);
    record AppView(Resource app, StoreEnvironment setting, boolean released) {}
    AppView view = store.read(issuerId, tx -> StoreKitApps.byBundleId(tx, bid)
        .map(app -> new AppView(app, StoreKitApps.environment(tx, app),
            hostEnvironment == StoreEnvironment.PRODUCTION && StoreKitApps.everReleased(tx, app)))
        .orElse(null));
    if (view == null) {
      throw new Unauthenticated("bid " + bid + " is not the bundle ID of an app of team " + issuerId + " (inferred: Apple does not"
          + " record its answer; a key reaches only its own team's apps)");
    }
    StoreEnvironment environment = hostEnvironment != null ? hostEnvironment : view.setting();
    if (hostEnvironment == StoreEnvironment.PRODUCTION && !view.released()) {
      throw new Unauthenticated("app " + view.app().id() + " (" + bid + ") has never been released, and Apple's production host"
          + " answers 401 for such an app (F:806452); use the sandbox host");
    }
    if (match.endpoint().productionOnly() && environment != StoreEnvironment.PRODUCTION) {
      throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, match.endpoint().name() + " exists only in production"
          + " (Apple has no sandbox URL for it); this request addresses " + environment.wire());
    }
    rateLimit(match.endpoint(), view.app(), environment);
    return new StoreKitCall(request, match.endpoint(), match.params(), issuerId, token.principal().keyId(), view.app(), environment, mapper);
  }

  /**
   * Apple's limits are per app and endpoint, stated a second and enforced over an hour; sandbox
   * gets a tenth (server-api.md §4.1). Counted by the same limiter as App Store Connect's keys, so
   * instances sharing a PostgreSQL agree.
   */
  private void rateLimit(Endpoint endpoint, Resource app, StoreEnvironment environment) {
    if (!limits || endpoint.perSecond() == null) {
      return;
    }
    int hourly = endpoint.perSecond() * RateLimiter.WINDOW_SECONDS / (environment == StoreEnvironment.SANDBOX ? 10 : 1);
    Instant now = clock.instant();
    RateLimiter.Verdict verdict = limiter.acquire("storekit:" + app.id() + ":" + environment.wire() + ":" + endpoint.name(), hourly, now);
    if (!verdict.allowed()) {
      String retryAfter = Long.toString(now.plusSeconds(verdict.retryAfterSeconds()).toEpochMilli());
      throw new StoreKitException(StoreKitErrors.RATE_LIMIT_EXCEEDED, "app " + app.id() + " made " + hourly + " " + endpoint.name()
          + " requests in the last hour in " + environment.wire() + "; Apple allows " + endpoint.perSecond() + " a second, counted over an"
          + " hour" + (environment == StoreEnvironment.SANDBOX ? ", a tenth of it in sandbox" : "") + "; retry after " + retryAfter
          + " (epoch ms)", retryAfter);
    }
  }

  private Outcome refusal(StoreKitException e, String issuerId, String keyId) {
    ObjectNode body = mapper.createObjectNode().put("errorCode", e.error().code()).put("errorMessage", e.error().message());
    ApiResponse response;
    try {
      response = ApiResponse.json(e.error().status(), mapper.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (e.retryAfter() != null) {
      response.withHeader("Retry-After", e.retryAfter());
    }
    return new Outcome(response, issuerId, keyId, Long.toString(e.error().code()), e.getMessage());
  }

  /** A refusal Apple answers with its bare 401 although the token itself was good. */
  private static final class Unauthenticated extends RuntimeException {
    Unauthenticated(String reason) {
      super(reason, null, false, false);
    }
  }
}
