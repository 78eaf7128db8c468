package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.signing.ca.CertificateAuthority;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.ScheduledTask;
import dev.braeburn.server.schedule.TaskRun;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.SignedData;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Initiate Performance Test and Get Performance Test Results (server-api.md §1.7): the App Store
 * sends {@code totalRequests} signed realtime requests ({@code {"signedPayload"}} whose payload is a
 * {@code DecodedRealtimeRequestBody}) to the configured realtime URL and grades your server. Braeburn
 * runs the test when {@code totalDuration} has passed on the virtual clock: until then the result is
 * PENDING with every request pending; then PASS when the success rate reaches
 * {@code successRateThreshold}, else FAIL [INFER: Apple's pacing and grading are not documented].
 */
final class PerformanceTests {
  static final String KIND = "storekit.retention.performanceTest";
  static final long INVALID_REQUEST = 4000211;
  static final long INVALID_REQUEST_ID = 4000212;
  static final long EXISTING_RUN = 4000213;
  static final long RUN_NOT_FOUND = 4040018;

  private final EngineServices services;
  private final ObjectMapper mapper;
  private final RetentionRules rules;
  private final RetentionConfiguration configuration;
  private final Supplier<CertificateAuthority> authority;
  private final RealtimeProbe probe;

  PerformanceTests(EngineServices services, RetentionRules rules, RetentionConfiguration configuration, Supplier<CertificateAuthority> authority) {
    this.services = services;
    this.mapper = services.mapper();
    this.rules = rules;
    this.configuration = configuration;
    this.authority = authority;
    this.probe = new RealtimeProbe(mapper);
  }

  ApiResponse initiate(StoreKitCall call) {
    String otid = call.body().path("originalTransactionId").asText("");
    RetentionMessages.check(otid.matches("[0-9]{1,19}"), INVALID_REQUEST,
        "originalTransactionId is required: the numeric original transaction ID of a subscription to name in the test's requests; got '" + otid + "'");
    RetentionScope scope = RetentionScope.of(call);
    String requestId = UUID.randomUUID().toString();
    services.store().write(call.teamId(), tx -> {
      String target = tx.find(RetentionScope.REALTIME_URLS, scope.id("url")).map(r -> r.attributes().path("realtimeURL").asText())
          .orElseThrow(() -> RetentionConfiguration.noRealtimeUrl(scope));
      scope.list(tx, RetentionScope.PERFORMANCE_TESTS).stream().filter(r -> "PENDING".equals(r.attributes().path("result").asText()))
          .findFirst().ifPresent(r -> {
            throw new StoreKitException(EXISTING_RUN, "performance test " + r.attributes().path("requestId").asText()
                + " is still running; it ends " + rules.config("totalDuration") + " ms after it started, on the virtual clock");
          });
      long now = services.clock().millis();
      ObjectNode row = scope.tag(mapper.createObjectNode().put("requestId", requestId).put("originalTransactionId", otid)
          .put("target", target).put("result", "PENDING").put("startedDate", now));
      row.set("config", rules.performanceTestConfig().deepCopy());
      tx.insert(RetentionScope.PERFORMANCE_TESTS, requestId, row);
      services.scheduler().schedule(tx, KIND, services.clock().instant().plusMillis(rules.config("totalDuration")),
          mapper.createObjectNode().put("requestId", requestId));
      return null;
    });
    ObjectNode out = mapper.createObjectNode();
    out.set("config", rules.performanceTestConfig().deepCopy());
    return RetentionScope.json(mapper, out.put("requestId", requestId));
  }

  ApiResponse result(StoreKitCall call) {
    String requestId = call.param("requestId");
    RetentionMessages.check(RetentionScope.isUuid(requestId), INVALID_REQUEST_ID, "requestId must be the UUID Initiate Performance Test returned; got '" + requestId + "'");
    RetentionScope scope = RetentionScope.of(call);
    JsonNode row = services.store().read(call.teamId(), tx -> tx.find(RetentionScope.PERFORMANCE_TESTS, requestId.toLowerCase(java.util.Locale.ROOT)))
        .map(Resource::attributes).filter(a -> a.path("appId").asText().equals(scope.appId())
            && a.path("environment").asText().equals(scope.environment().wire()))
        .orElseThrow(() -> new StoreKitException(RUN_NOT_FOUND, "this app has no performance test " + requestId + " in " + scope.environment().wire()));
    ObjectNode out = mapper.createObjectNode();
    out.set("config", row.get("config"));
    out.put("target", row.path("target").asText()).put("result", row.path("result").asText());
    boolean pending = "PENDING".equals(row.path("result").asText());
    if (!pending) {
      out.put("successRate", row.path("successRate").asInt());
    }
    out.put("numPending", pending ? row.path("config").path("totalRequests").asInt() : 0);
    if (row.has("responseTimes")) {
      out.set("responseTimes", row.get("responseTimes"));
    }
    if (!pending) {
      out.set("failures", row.get("failures"));
    }
    return RetentionScope.json(mapper, out);
  }

  /** The scheduled run: sign and send every request (outside any transaction), then store the grade. */
  void run(ScheduledTask task, TaskRun run) {
    String requestId = task.payload().path("requestId").asText();
    ObjectNode row = services.store().read(task.teamId(), tx -> tx.find(RetentionScope.PERFORMANCE_TESTS, requestId))
        .map(r -> r.attributes().deepCopy()).orElse(null);
    if (row == null || !"PENDING".equals(row.path("result").asText())) {
      services.store().write(task.teamId(), tx -> {
        run.complete(tx);
        return null;
      });
      return;
    }
    JsonNode config = row.get("config");
    // Apple always sends productId (Apple's Node verifier requires it): the purchase simulator's transaction's,
    // else the product of a configured default message, else "unknown" [INFER]
    RetentionScope scope = new RetentionScope(row.path("appId").asText(), dev.braeburn.server.storekit.StoreEnvironment.parse(row.path("environment").asText()).orElseThrow());
    String productId = services.store().read(task.teamId(), tx -> tx.find("_skTransactions", row.path("originalTransactionId").asText())
        .map(r -> r.attributes().path("productId").asText(null))
        .or(() -> scope.list(tx, RetentionScope.DEFAULTS).stream().map(r -> r.attributes().path("productId").asText()).findFirst())
        .orElse("unknown"));
    CertificateAuthority ca = authority.get();
    SignedData signer = new SignedData(mapper);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < config.path("totalRequests").asInt(); i++) {
      ObjectNode payload = mapper.createObjectNode().put("originalTransactionId", row.path("originalTransactionId").asText())
          .put("appAppleId", Long.parseLong(row.path("appId").asText()));
      payload.put("productId", productId);
      payload.put("userLocale", rules.performanceTestLocale()).put("requestIdentifier", UUID.randomUUID().toString())
          .put("signedDate", services.clock().millis()).put("environment", row.path("environment").asText());
      bodies.add(("{\"signedPayload\":\"" + signer.sign(ca, payload) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    List<RealtimeProbe.Attempt> attempts = probe.send(row.path("target").asText(), bodies, config.path("maxConcurrentRequests").asInt(),
        Duration.ofMillis(config.path("responseTimeThreshold").asInt()));
    grade(row, attempts, config);
    services.store().write(task.teamId(), tx -> {
      tx.find(RetentionScope.PERFORMANCE_TESTS, requestId).ifPresent(r -> tx.updateAttributes(r, row));
      run.complete(tx);
      return null;
    });
  }

  private void grade(ObjectNode row, List<RealtimeProbe.Attempt> attempts, JsonNode config) {
    Map<String, Integer> failures = new TreeMap<>();
    List<Long> times = new ArrayList<>();
    int successes = 0;
    for (RealtimeProbe.Attempt a : attempts) {
      if (a.result().equals("SUCCESS")) {
        successes++;
      } else {
        failures.merge(a.result(), 1, Integer::sum);
      }
      if (a.millis() != null) {
        times.add(a.millis());
      }
    }
    int rate = attempts.isEmpty() ? 0 : successes * 100 / attempts.size();
    row.put("successRate", rate).put("result", rate >= config.path("successRateThreshold").asInt() ? "PASS" : "FAIL")
        .put("completedDate", services.clock().millis());
    ObjectNode failed = row.putObject("failures");
    failures.forEach(failed::put);
    if (!times.isEmpty()) {
      times.sort(null);
      ObjectNode t = row.putObject("responseTimes");
      t.put("average", Math.round(times.stream().mapToLong(Long::longValue).average().orElse(0)));
      for (int p : new int[] {50, 90, 95, 99}) {
        t.put("p" + p, times.get(Math.max(0, (int) Math.ceil(p / 100.0 * times.size()) - 1))); // nearest rank
      }
    }
  }
}
