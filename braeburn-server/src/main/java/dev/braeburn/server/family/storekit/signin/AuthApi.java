package dev.braeburn.server.family.storekit.signin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.engine.FailSafe;
import dev.braeburn.server.engine.RequestIds;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.journal.RequestJournal;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Sign in with Apple's REST endpoints for app transfers ({@code https://appleid.apple.com/auth/…},
 * server-api.md §5) on Braeburn's port: {@code POST /auth/token} and {@code POST /auth/usermigrationinfo},
 * form-encoded, authenticated by a client secret ({@link ClientSecrets}) and, for the migration, the
 * access token. Answers carry {@code Cache-Control: no-store} and {@code Pragma: no-cache}; a refusal
 * is Apple's {@code {"error": …}} from {@link OAuthRules} with the rule's diagnosis in
 * {@code X-Braeburn-Diagnosis}; every request lands in the journal.
 */
final class AuthApi implements RequestHandler {
  static final String PREFIX = "/auth/";

  /** What one request came to. */
  private record Outcome(ApiResponse response, AuthEndpoints.Call call, String error, String diagnosis) {}

  private final AuthEndpoints endpoints;
  private final OAuthRules rules;
  private final RequestJournal journal;
  private final Supplier<Instant> now;
  private final ObjectMapper mapper;
  private final boolean diagnose;

  AuthApi(AuthEndpoints endpoints, OAuthRules rules, RequestJournal journal, Supplier<Instant> now, ObjectMapper mapper, boolean diagnose) {
    this.endpoints = endpoints;
    this.rules = rules;
    this.journal = journal;
    this.now = now;
    this.mapper = mapper;
    this.diagnose = diagnose;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    long started = System.nanoTime();
    Outcome outcome = process(request);
    String requestId = RequestIds.next();
    ApiResponse response = outcome.response().withHeader("X-Request-ID", requestId);
    if (diagnose && outcome.diagnosis() != null) {
      response.withHeader(Engine.DIAGNOSIS_HEADER, Engine.headerSafe(outcome.diagnosis()));
    }
    SignInClient client = outcome.call() == null ? null : outcome.call().client();
    journal.record(new RequestJournal.Entry(requestId, now.get(), request.method(), request.path(), request.query(), response.status(),
        client == null ? null : client.issuerId(), outcome.call() == null ? null : outcome.call().keyId(), outcome.error(), outcome.diagnosis(),
        (System.nanoTime() - started) / 1000));
    return response;
  }

  private Outcome process(ApiRequest request) {
    String name = request.path().substring(PREFIX.length());
    if (!name.equals("token") && !name.equals("usermigrationinfo")) {
      return new Outcome(ApiResponse.noContent(404), null, null, "Braeburn serves only POST /auth/token and POST /auth/usermigrationinfo"
          + " of Sign in with Apple (the app-transfer endpoints, server-api.md §5)");
    }
    AuthEndpoints.Call call = new AuthEndpoints.Call(request);
    try {
      if (!request.method().equals("POST")) {
        throw new OAuthRefusal("missingParameter", request.method() + " " + request.path() + ": Sign in with Apple takes POST with a"
            + " form-encoded body. Inferred: Apple's answer to another method is not recorded");
      }
      ObjectNode body = name.equals("token") ? endpoints.token(call) : endpoints.userMigrationInfo(call);
      return new Outcome(noStore(200, body), call, null, null);
    } catch (OAuthRefusal e) {
      OAuthRules.Rule rule = rules.of(e);
      String diagnosis = e.getMessage() + (rule.inferred() && !e.getMessage().contains("Inferred") ? ". Inferred: Apple documents no"
          + " error for this; Braeburn answers " + rule.error() : "");
      return new Outcome(noStore(rule.status(), mapper.createObjectNode().put("error", rule.error())), call, rule.error(), diagnosis);
    } catch (RuntimeException e) {
      return new Outcome(noStore(500, mapper.createObjectNode().put("error", "server_error")), call, "server_error",
          FailSafe.diagnosis(e));
    }
  }

  /** Apple's token responses: JSON with charset, never cached (server-api.md §5 Access token row). */
  private ApiResponse noStore(int status, ObjectNode body) {
    try {
      return ApiResponse.json(status, mapper.writeValueAsBytes(body)).withHeader("Content-Type", "application/json;charset=UTF-8")
          .withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
