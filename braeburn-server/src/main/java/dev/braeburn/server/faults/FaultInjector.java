package dev.braeburn.server.faults;

import dev.braeburn.server.admin.AdminApi;
import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.engine.Engine;
import dev.braeburn.server.engine.RequestIds;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.Delivery;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.journal.RequestJournal;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injects the faults of the stored rules (docs/faults.md) into every request that is not an admin
 * request ({@code /_braeburn/…} is never faulted, so a test can always remove its rules): App Store
 * Connect, the App Store Server API, Sign in with Apple, uploads, assets and report downloads. It
 * runs after the admin split and before admission, so a fault answers whatever the token: an error
 * or a drop leaves the server's state untouched; latency and truncation wrap the real answer.
 * Every injected fault is journaled with the rule's id and, but for a drop, named in {@code
 * X-Braeburn-Diagnosis} (unless {@code --strict-wire}).
 */
public final class FaultInjector implements RequestHandler {
  private final RequestHandler inner;
  private final FaultRules rules;
  private final AppleFaultAnswers answers;
  private final RequestJournal journal;
  private final VirtualClock clock;
  private final boolean diagnose;

  public FaultInjector(RequestHandler inner, FaultRules rules, com.fasterxml.jackson.databind.ObjectMapper mapper, int hourlyLimit,
      RequestJournal journal, VirtualClock clock, boolean diagnose) {
    this.inner = inner;
    this.rules = rules;
    this.answers = new AppleFaultAnswers(mapper, hourlyLimit);
    this.journal = journal;
    this.clock = clock;
    this.diagnose = diagnose;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    if (request.path().startsWith(AdminApi.PREFIX)) {
      return inner.handle(request);
    }
    var current = rules.current();
    if (current.isEmpty()) {
      return inner.handle(request);
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    TokenClaims claims = current.stream().anyMatch(r -> r.match().needsToken()) ? TokenClaims.of(request) : TokenClaims.NONE;
    for (FaultRule rule : current) {
      if (rule.matches(request.method(), request.path(), claims, now) && rules.fire(rule, ThreadLocalRandom.current().nextDouble())) {
        return inject(rule, request, claims, now, started);
      }
    }
    return inner.handle(request);
  }

  private ApiResponse inject(FaultRule rule, ApiRequest request, TokenClaims claims, Instant now, long started) {
    String diagnosis = "injected fault " + rule.describe() + " (rule " + rule.id() + " of /_braeburn/faults)";
    return switch (rule.effect().type()) {
      case LATENCY -> {
        sleep(rule.effect().ms());
        yield diagnosed(wrapped(rule, request, claims, started, diagnosis), diagnosis);
      }
      case TRUNCATE -> diagnosed(wrapped(rule, request, claims, started, diagnosis), diagnosis).withDelivery(Delivery.TRUNCATE);
      case DROP -> {
        // status 0 in the journal: no answer was sent
        record(request, claims, 0, null, diagnosis, rule, started);
        yield ApiResponse.noContent(500).withDelivery(Delivery.DROP);
      }
      case ERROR -> {
        AppleFaultAnswers.Answer answer = answers.error(rule.effect().status(), request.path(), now);
        String requestId = record(request, claims, answer.response().status(), answer.errorCode(), diagnosis, rule, started);
        yield diagnosed(answer.response().withHeader("X-Request-ID", requestId), diagnosis);
      }
    };
  }

  /** The real answer, its journal entry marked with the rule (or an entry of its own where the route journals nothing). */
  private ApiResponse wrapped(FaultRule rule, ApiRequest request, TokenClaims claims, long started, String diagnosis) {
    FaultMarkingJournal.Mark mark = new FaultMarkingJournal.Mark(rule.describe());
    ApiResponse response = ScopedValue.where(FaultMarkingJournal.ACTIVE, mark).call(() -> inner.handle(request));
    if (!mark.recorded) {
      record(request, claims, response.status(), null, diagnosis, rule, started);
    }
    return response;
  }

  private ApiResponse diagnosed(ApiResponse response, String diagnosis) {
    if (!diagnose) {
      return response;
    }
    String existing = response.headers().get(Engine.DIAGNOSIS_HEADER);
    return response.withHeader(Engine.DIAGNOSIS_HEADER, Engine.headerSafe(existing == null ? diagnosis : diagnosis + "; " + existing));
  }

  private String record(ApiRequest request, TokenClaims claims, int status, String errorCode, String diagnosis, FaultRule rule, long started) {
    String requestId = RequestIds.next();
    journal.record(new RequestJournal.Entry(requestId, clock.instant(), request.method(), request.path(), request.query(), status,
        claims.issuerId(), claims.keyId(), errorCode, diagnosis, (System.nanoTime() - started) / 1000, rule.describe()));
    return requestId;
  }

  /** The injected latency: this request's virtual thread waits; nothing else does. */
  private static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
